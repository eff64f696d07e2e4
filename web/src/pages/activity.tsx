/**
 * 利用履歴: GET /api/account/activity — sign-ins, charges, card changes, spending per day; each
 * item has 「身に覚えがない」 (confirm, then POST /api/account/not-me) which opens the next steps.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ActivityView, api, type NotMeResult } from '../api.ts';
import { SpendingChart } from '../components/spending-chart.tsx';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatDateTime, formatYen } from '../format.ts';

function NotMeButton({ eventId, onDone }: { eventId: string; onDone: (r: NotMeResult) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
        {t('activity.notMe')}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend>{t('activity.notMeConfirm')}</legend>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            onDone(await api<NotMeResult>('/api/account/not-me', { json: { eventId } }));
            setConfirming(false);
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('activity.yes')}
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        {t('activity.cancel')}
      </button>
      <ErrorText error={error} />
    </fieldset>
  );
}

function NextSteps({ result }: { result: NotMeResult }) {
  const { t } = useTranslation();
  const steps = t('activity.steps', { returnObjects: true }) as string[];
  return (
    <section className="card next-steps" aria-labelledby="next-steps-title" tabIndex={-1} id="next-steps">
      <p role="status">{result.message}</p>
      <h2 id="next-steps-title">{t('activity.nextSteps')}</h2>
      <ol>
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      {/* The full checklist for this situation: card issuer's line, #9110, 188, evidence report. */}
      <p>
        <Link
          className="button-link"
          to={`/respond?situation=${encodeURIComponent(result.responseSituation)}`}
        >
          {t('activity.openChecklist')}
        </Link>
      </p>
    </section>
  );
}

export function ActivityPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [reported, setReported] = useState<NotMeResult | null>(null);
  const activity = useQuery({
    queryKey: ['activity', i18n.language],
    queryFn: () => api<ActivityView>('/api/account/activity?days=30'),
  });
  const onReported = (r: NotMeResult) => {
    setReported(r);
    void queryClient.invalidateQueries();
    requestAnimationFrame(() => document.getElementById('next-steps')?.focus());
  };
  const lang = i18n.language;
  const a = activity.data;
  const place = (country: string | null | undefined) => country ?? t('activity.unknown');
  return (
    <>
      <h1>{t('activity.title')}</h1>
      <p className="muted">{t('activity.intro')}</p>
      {reported && <NextSteps result={reported} />}
      {activity.isPending && <Loading />}
      <ErrorText error={activity.error} />
      {a && (
        <>
          <SpendingChart activity={a} />
          <section aria-labelledby="charges-title">
            <h2 id="charges-title">{t('activity.charges')}</h2>
            {a.charges.length === 0 && <p className="muted">{t('activity.none')}</p>}
            <ul className="items">
              {a.charges.map((c) => (
                <li key={c.eventId} className="card item">
                  <div className="item-main">
                    <strong>{t('activity.yen', { amount: formatYen(c.amount) })}</strong>{' '}
                    <span>{c.merchant.name ?? c.merchant.category}</span>
                    <span className={`tag status-${c.status}`}>{t(`activity.status.${c.status}`)}</span>
                  </div>
                  <p className="muted small">
                    <time dateTime={c.at}>{formatDateTime(c.at, lang)}</time>
                    {' · '}
                    {t('activity.place', { place: place(c.network?.country) })}
                  </p>
                  <NotMeButton eventId={c.eventId} onDone={onReported} />
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="signins-title">
            <h2 id="signins-title">{t('activity.signIns')}</h2>
            {a.signIns.length === 0 && <p className="muted">{t('activity.none')}</p>}
            <ul className="items">
              {a.signIns.map((s) => (
                <li key={s.eventId} className="card item">
                  <div className="item-main">
                    <strong>{s.result === 'success' ? t('activity.success') : t('activity.failure')}</strong>{' '}
                    <span>{s.method}</span>
                  </div>
                  <p className="muted small">
                    <time dateTime={s.at}>{formatDateTime(s.at, lang)}</time>
                    {' · '}
                    {t('activity.device', { device: s.device?.platform ?? t('activity.unknown') })}
                    {' · '}
                    {t('activity.place', { place: place(s.country ?? s.network?.country) })}
                  </p>
                  <NotMeButton eventId={s.eventId} onDone={onReported} />
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="cards-title">
            <h2 id="cards-title">{t('activity.cardChanges')}</h2>
            {a.cardChanges.length === 0 && <p className="muted">{t('activity.none')}</p>}
            <ul className="items">
              {a.cardChanges.map((c) => (
                <li key={c.eventId} className="card item">
                  <div className="item-main">
                    <strong>{t('activity.card', { last4: c.card.last4 ?? '----' })}</strong>{' '}
                    <span>{c.action}</span>
                  </div>
                  <p className="muted small">
                    <time dateTime={c.at}>{formatDateTime(c.at, lang)}</time>
                  </p>
                  <NotMeButton eventId={c.eventId} onDone={onReported} />
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
