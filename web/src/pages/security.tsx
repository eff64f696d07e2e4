/**
 * セキュリティチェック: GET /api/account/checkup (score, checks, next best action); TOTP
 * enrolment: POST /api/account/totp/setup → QR code + key → POST /api/account/totp/confirm (the
 * code checked first with the server's totpCodeBodySchema) → recovery codes, shown once (they
 * live only in this component's state); passkeys (security-passkeys.tsx); and a link to the
 * signed-in devices (sessions.tsx).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { totpCodeBodySchema } from '../../../src/accounts/schemas.ts';
import { api, type CheckupView } from '../api.ts';
import { ME_KEY, useMe } from '../auth.ts';
import { QrCode } from '../components/qr-code.tsx';
import { ErrorText, Loading } from '../components/status.tsx';
import { CodeInput, useFieldErrors } from '../form-errors.tsx';
import { PasskeySection } from './security-passkeys.tsx';

function TotpEnrolment({ onEnabled }: { onEnabled: () => void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useFieldErrors({ code: 'totp-code' });

  const start = async () => {
    setError(null);
    try {
      setSetup(await api<{ secret: string; uri: string }>('/api/account/totp/setup', { method: 'POST' }));
    } catch (err) {
      setError(err);
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body = form.check(totpCodeBodySchema, { code });
    if (!body) return;
    setBusy(true);
    try {
      const r = await api<{ recoveryCodes: string[] }>('/api/account/totp/confirm', { json: body });
      setRecovery(r.recoveryCodes);
      setSetup(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (recovery) {
    return (
      <section className="recovery" aria-labelledby="recovery-title">
        <h3 id="recovery-title">{t('security.recoveryTitle')}</h3>
        <p>{t('security.recoveryHelp')}</p>
        <ol className="codes" data-testid="recovery-codes">
          {recovery.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <button type="button" className="primary" onClick={onEnabled}>
          {t('security.recoveryDone')}
        </button>
      </section>
    );
  }
  if (!setup) {
    return (
      <>
        <p>{t('security.totpOff')}</p>
        <button type="button" className="primary" onClick={start}>
          {t('security.totpStart')}
        </button>
        <ErrorText error={error} />
      </>
    );
  }
  return (
    <form onSubmit={confirm} noValidate>
      <p>{t('security.totpScan')}</p>
      <QrCode text={setup.uri} label={t('security.totpQrAlt')} />
      <p className="small">
        {t('security.totpSecret')} <code data-testid="totp-secret">{setup.secret}</code>
      </p>
      <label htmlFor="totp-code">{t('auth.code')}</label>
      <CodeInput id="totp-code" value={code} onChange={setCode} form={form} />
      <ErrorText error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('security.totpConfirm')}
      </button>
    </form>
  );
}

export function SecurityPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const checkup = useQuery({
    queryKey: ['checkup', i18n.language],
    queryFn: () => api<CheckupView>('/api/account/checkup'),
  });
  const totpEnabled = me.data?.user.totpEnabled ?? false;
  const c = checkup.data;
  return (
    <>
      <h1>{t('security.title')}</h1>
      {checkup.isPending && <Loading />}
      <ErrorText error={checkup.error} />
      {c && (
        <section className="card score-card" aria-labelledby="score-title">
          <h2 id="score-title">{t('security.score')}</h2>
          <p className="score" data-testid="checkup-score">
            {t('security.scoreValue', { score: c.score })}
          </p>
          <meter
            min={0}
            max={100}
            low={50}
            high={80}
            optimum={100}
            value={c.score}
            aria-labelledby="score-title"
          />
          <h3>{t('security.next')}</h3>
          <p className="next-action">{c.nextAction ? c.nextAction.message : t('security.allDone')}</p>
          <h3>{t('security.checks')}</h3>
          <ul className="checks">
            {c.checks.map((item) => (
              <li key={item.id}>
                <span className={`tag check-${item.status}`}>{t(`security.status.${item.status}`)}</span>{' '}
                {item.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="totp-title">
        <h2 id="totp-title">{t('security.totpTitle')}</h2>
        {totpEnabled ? (
          <>
            <p>{t('security.totpOn')}</p>
            {me.data && (
              <p className="muted small">
                {t('security.recoveryLeft', { count: me.data.recoveryCodesLeft })}
              </p>
            )}
          </>
        ) : (
          <TotpEnrolment
            onEnabled={() => {
              void queryClient.invalidateQueries({ queryKey: ME_KEY });
              void queryClient.invalidateQueries({ queryKey: ['checkup'] });
            }}
          />
        )}
      </section>
      <PasskeySection />
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('security.sessionsTitle')}</h2>
        {c && <p>{t('security.sessionsCount', { count: c.facts.activeSessions })}</p>}
        <p className="muted small">{t('security.sessionsHelp')}</p>
        <Link to="/security/sessions" className="button-link">
          {t('security.sessionsLink')}
        </Link>
      </section>
    </>
  );
}
