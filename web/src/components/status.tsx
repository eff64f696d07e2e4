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

/**
 * A failed request, in the server's own words (its messages follow `?lang=`). An error raised in
 * the browser may carry an `i18nKey` instead (web/src/passkeys.ts), shown in the current language.
 */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const missing =
    error instanceof ApiError &&
    error.status === 404 &&
    (error.code === 'not_found' || error.code.startsWith('http_'));
  const i18nKey = (error as { i18nKey?: unknown }).i18nKey;
  const message = missing
    ? t('app.notAvailable')
    : typeof i18nKey === 'string'
      ? t(i18nKey)
      : error instanceof Error && error.message
        ? error.message
        : t('app.error');
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
