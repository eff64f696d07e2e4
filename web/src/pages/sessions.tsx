/**
 * サインイン中の端末 (issue 5: "Sessions listed and revocable"): GET /api/account/sessions with the
 * device (from the user agent), address, when it started and was last used, and 「この端末」 on
 * this one; 「このセッションを終了」 per row (DELETE /api/account/sessions/:id; ending this one
 * signs out) and 「他のすべてのセッションを終了」 after a confirmation
 * (POST /api/account/sessions/revoke-others).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type SessionView } from '../api.ts';
import { forgetSession } from '../auth.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { useConfirmFocus } from '../confirm-focus.ts';
import { describeUserAgent } from '../device.ts';
import { formatDateTime } from '../format.ts';

const SESSIONS_KEY = ['sessions'] as const;

function DeviceName({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { browser, os } = describeUserAgent(session.userAgent);
  if (browser && os) return <>{t('device.browserOnOs', { browser, os })}</>;
  return <>{browser ?? os ?? t('sessions.unknownDevice')}</>;
}

function EndOthers({ count, onDone }: { count: number; onDone: (ended: number) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const focus = useConfirmFocus(confirming);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const end = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ ended: number }>('/api/account/sessions/revoke-others', { method: 'POST' });
      setConfirming(false);
      onDone(r.ended);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (count === 0) return null;
  return (
    <div className="end-others">
      {!confirming ? (
        <button
          ref={focus.opener}
          type="button"
          className="danger-outline wide"
          onClick={() => setConfirming(true)}
        >
          {t('sessions.endOthers')}
        </button>
      ) : (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="end-others-title"
          aria-describedby="end-others-body"
        >
          <h3 id="end-others-title">{t('sessions.endOthersTitle', { count })}</h3>
          <p id="end-others-body">{t('sessions.endOthersBody')}</p>
          <div className="buttons">
            <button ref={focus.confirm} type="button" className="danger" onClick={end} disabled={busy}>
              {t('sessions.endOthersConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              {t('sessions.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorText error={error} />
    </div>
  );
}

export function SessionsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: () => api<{ sessions: SessionView[] }>('/api/account/sessions'),
  });
  const [status, setStatus] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
      queryClient.invalidateQueries({ queryKey: ['checkup'] }),
    ]);

  const endOne = async (s: SessionView) => {
    setBusyId(s.id);
    setError(null);
    setStatus(null);
    try {
      await api(`/api/account/sessions/${encodeURIComponent(s.id)}`, { method: 'DELETE' });
      if (s.current) {
        // Ending this device's own session is signing out here.
        forgetSession(queryClient);
        await navigate('/sign-in', { state: { notice: t('sessions.endedThis') } });
        return;
      }
      setStatus(t('sessions.ended'));
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  };

  const list = sessions.data?.sessions ?? [];
  const lang = i18n.language;
  return (
    <>
      <p className="back">
        <Link to="/security">{t('sessions.back')}</Link>
      </p>
      <h1>{t('sessions.title')}</h1>
      <p className="muted">{t('sessions.intro')}</p>
      <div aria-live="polite">{status && <p className="note">{status}</p>}</div>
      {sessions.isPending && <Loading />}
      <ErrorText error={sessions.error ?? error} />
      <ul className="items" data-testid="session-list">
        {list.map((s) => (
          <li key={s.id} className={s.current ? 'card item session current' : 'card item session'}>
            <div className="item-main">
              <strong>
                <DeviceName session={s} />
              </strong>
              {s.current && <span className="tag tag-current">{t('sessions.thisDevice')}</span>}
            </div>
            <dl className="facts small">
              <dt>{t('sessions.ip')}</dt>
              <dd>{s.ip ?? t('sessions.unknown')}</dd>
              <dt>{t('sessions.created')}</dt>
              <dd>
                <time dateTime={s.createdAt}>{formatDateTime(s.createdAt, lang)}</time>
              </dd>
              <dt>{t('sessions.lastSeen')}</dt>
              <dd>
                <time dateTime={s.lastSeenAt}>{formatDateTime(s.lastSeenAt, lang)}</time>
              </dd>
            </dl>
            {s.userAgent && <p className="muted small ua">{s.userAgent}</p>}
            <button
              type="button"
              className="danger-outline"
              onClick={() => void endOne(s)}
              disabled={busyId !== null}
              aria-label={
                s.current
                  ? t('sessions.endThisLabel')
                  : t('sessions.endLabel', { device: describeLabel(s, t('sessions.unknownDevice')) })
              }
            >
              {t('sessions.end')}
            </button>
          </li>
        ))}
      </ul>
      {sessions.data && (
        <EndOthers
          count={list.filter((s) => !s.current).length}
          onDone={(ended) => {
            setStatus(t('sessions.endedOthers', { count: ended }));
            void refresh();
          }}
        />
      )}
    </>
  );
}

/** The device words for an accessible button name (「Chrome（Android）、203.0.113.5」). */
function describeLabel(s: SessionView, unknown: string): string {
  const { browser, os } = describeUserAgent(s.userAgent);
  const device = [browser, os].filter(Boolean).join(' / ') || unknown;
  return s.ip ? `${device}, ${s.ip}` : device;
}
