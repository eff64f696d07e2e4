/**
 * 緊急ロック: one tap plus a confirmation (POST /api/account/lock; the server ends every session,
 * this one too, so the app goes to sign-in and comes back here); unlock with a TOTP code
 * (POST /api/account/unlock); the monthly limit (GET/POST /api/account/limit).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, type LockState, type MonthlyLimitView, resetCsrf } from '../api.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatDateTime, formatYen } from '../format.ts';

function UnlockForm({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ message: string }>('/api/account/unlock', { json: { code } });
      setCode('');
      onDone(r.message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="unlock-title">
      <h2 id="unlock-title">{t('lock.unlockTitle')}</h2>
      <label htmlFor="unlock-code">{t('lock.unlockHelp')}</label>
      <input
        id="unlock-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
      />
      <ErrorText error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('lock.unlock')}
      </button>
    </form>
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
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage(null);
    try {
      const r = await api<{ message: string }>('/api/account/limit', {
        json: { monthlyLimit: Number.parseInt(value.normalize('NFKC').replace(/[,\s]/g, ''), 10) },
      });
      setMessage(r.message);
      await queryClient.invalidateQueries({ queryKey: ['limit'] });
    } catch (err) {
      setError(err);
    }
  };
  const current = limit.data?.monthlyLimit;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="limit-title">
      <h2 id="limit-title">{t('lock.limitTitle')}</h2>
      {limit.data && (
        <p>
          {t('lock.limitNow', {
            limit: current == null ? t('lock.noLimit') : `${formatYen(current)}円`,
          })}
        </p>
      )}
      <label htmlFor="limit-value">{t('lock.limitLabel')}</label>
      <div className="row">
        <input
          id="limit-value"
          inputMode="numeric"
          pattern="[0-9０-９,，]*"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
        />
        <button type="submit">{t('lock.limitSave')}</button>
      </div>
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
      resetCsrf();
      queryClient.clear();
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
          <UnlockForm
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
