/**
 * 緊急ロック: one tap plus a confirmation (POST /api/account/lock; the server ends every session,
 * this one too, so the app goes to sign-in and comes back here); unlock with a TOTP code
 * (POST /api/account/unlock) or 「パスキーでロック解除」 (a challenge from
 * /api/account/unlock/passkey/options, answered by this device's passkey) — whichever the server
 * says can lift this lock (`unlockMethods`: only factors set up before it); the monthly limit
 * (GET/POST /api/account/limit). Inputs are checked first with the server's schemas.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { totpCodeBodySchema } from '../../../src/accounts/schemas.ts';
import { monthlyLimitBodySchema } from '../../../src/subscriber/schemas.ts';
import { api, type LockState, type MonthlyLimitView } from '../api.ts';
import { forgetSession } from '../auth.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { CodeInput, FieldError, useFieldErrors } from '../form-errors.tsx';
import { formatDateTime, formatYen } from '../format.ts';
import { browserSupportsWebAuthn, unlockWithPasskey } from '../passkeys.ts';

function UnlockForm({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useFieldErrors({ code: 'unlock-code' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body = form.check(totpCodeBodySchema, { code });
    if (!body) return;
    setBusy(true);
    try {
      const r = await api<{ message: string }>('/api/account/unlock', { json: body });
      setCode('');
      onDone(r.message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="unlock-code-title" noValidate>
      <h3 id="unlock-code-title">{t('lock.unlockWithCode')}</h3>
      <label htmlFor="unlock-code">{t('lock.unlockHelp')}</label>
      <CodeInput id="unlock-code" value={code} onChange={setCode} form={form} />
      <ErrorText error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('lock.unlock')}
      </button>
    </form>
  );
}

function PasskeyUnlock({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [supported] = useState(browserSupportsWebAuthn);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const unlock = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone((await unlockWithPasskey()).message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="passkey-unlock">
      <h3 id="unlock-passkey-title">{t('lock.unlockWithPasskey')}</h3>
      {supported ? (
        <>
          <p className="muted small">{t('lock.passkeyHelp')}</p>
          <button type="button" className="secondary" onClick={unlock} disabled={busy}>
            {t('lock.passkeyButton')}
          </button>
        </>
      ) : (
        <p className="muted small">{t('passkey.problem.unsupported')}</p>
      )}
      <ErrorText error={error} />
    </div>
  );
}

/** The ways this lock can be lifted here, or why it cannot. */
function Unlock({ state, onDone }: { state: LockState; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const methods = state.unlockMethods;
  return (
    <section className="unlock" aria-labelledby="unlock-title">
      <h2 id="unlock-title">{t('lock.unlockTitle')}</h2>
      {methods.length === 0 && <p>{t('lock.cannotUnlock')}</p>}
      {methods.includes('totp') && <UnlockForm onDone={onDone} />}
      {methods.length > 1 && (
        <p className="or" aria-hidden="true">
          {t('auth.or')}
        </p>
      )}
      {methods.includes('passkey') && <PasskeyUnlock onDone={onDone} />}
    </section>
  );
}

function LimitForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const limit = useQuery({
    queryKey: ['limit'],
    queryFn: () => api<MonthlyLimitView & { spentThisMonth: number }>('/api/account/limit'),
  });
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const form = useFieldErrors({ monthlyLimit: 'limit-value' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage(null);
    // 「３０，０００円」 and "30,000" are 30000; anything else stays as typed, so the schema can say
    // what is wrong (a blank is "required", "3万" is not a whole number of yen).
    const typed = value.normalize('NFKC').replace(/[,\s円¥]/g, '');
    const body = form.check(monthlyLimitBodySchema, {
      monthlyLimit: typed === '' ? undefined : Number(typed),
    });
    if (!body) return;
    try {
      const r = await api<{ message: string }>('/api/account/limit', { json: body });
      setMessage(r.message);
      await queryClient.invalidateQueries({ queryKey: ['limit'] });
    } catch (err) {
      setError(err);
    }
  };
  const current = limit.data?.monthlyLimit;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="limit-title" noValidate>
      <h2 id="limit-title">{t('lock.limitTitle')}</h2>
      {limit.data && (
        <p>
          {t('lock.limitNow', {
            limit: current == null ? t('lock.noLimit') : t('activity.yen', { amount: formatYen(current) }),
          })}
        </p>
      )}
      <label htmlFor="limit-value">{t('lock.limitLabel')}</label>
      <div className="row">
        <input
          id="limit-value"
          inputMode="numeric"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            form.clear('monthlyLimit');
          }}
          required
          {...form.inputProps('monthlyLimit')}
        />
        <button type="submit">{t('lock.limitSave')}</button>
      </div>
      <FieldError field="monthlyLimit" inputId="limit-value" errors={form.errors} />
      {message && <p role="status">{message}</p>}
      <ErrorText error={limit.error ?? error} />
    </form>
  );
}

export function LockPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const lock = useQuery({ queryKey: ['lock'], queryFn: () => api<LockState>('/api/account/lock') });

  const doLock = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ message: string }>('/api/account/lock', { method: 'POST' });
      forgetSession(queryClient);
      await navigate('/sign-in', { state: { notice: r.message, next: '/lock' } });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('lock.title')}</h1>
      {message && (
        <p className="note" role="status">
          {message}
        </p>
      )}
      {lock.isPending && <Loading />}
      <ErrorText error={lock.error} />
      {lock.data?.locked ? (
        <section className="card locked" aria-labelledby="locked-title">
          <h2 id="locked-title">{t('lock.locked')}</h2>
          {lock.data.since && <p className="muted small">{formatDateTime(lock.data.since, i18n.language)}</p>}
          <Unlock
            state={lock.data}
            onDone={(m) => {
              setMessage(m);
              void queryClient.invalidateQueries();
            }}
          />
        </section>
      ) : (
        lock.data && (
          <section className="card" aria-labelledby="lock-now-title">
            <h2 id="lock-now-title" className="visually-hidden">
              {t('lock.button')}
            </h2>
            <p>{t('lock.intro')}</p>
            {!confirming ? (
              <button type="button" className="danger big" onClick={() => setConfirming(true)}>
                {t('lock.button')}
              </button>
            ) : (
              <div
                className="confirm"
                role="alertdialog"
                aria-labelledby="confirm-title"
                aria-describedby="confirm-body"
              >
                <h3 id="confirm-title">{t('lock.confirmTitle')}</h3>
                <p id="confirm-body">{t('lock.confirmBody')}</p>
                <button type="button" className="danger" onClick={doLock} disabled={busy}>
                  {t('lock.confirm')}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('lock.cancel')}
                </button>
              </div>
            )}
            <ErrorText error={error} />
          </section>
        )
      )}
      <LimitForm />
    </>
  );
}
