import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('app.loading')}
    </p>
  );
}

/** A failed request, in the server's own words (its messages follow `?lang=`). */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const missing =
    error instanceof ApiError &&
    error.status === 404 &&
    (error.code === 'not_found' || error.code.startsWith('http_'));
  const message = missing
    ? t('app.notAvailable')
    : error instanceof Error && error.message
      ? error.message
      : t('app.error');
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
