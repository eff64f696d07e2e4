/**
 * ケース詳細 (GET /api/operator/cases/:id): the case, the account's event timeline with each
 * event's decision and reasons, the notices sent and the notes. Actions: 不正と確定 / 正当な利用 /
 * ロック解除 (each confirmed first) and メモを追加; after any of them the case is fetched again.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { caseNoteBodySchema } from '../../../src/operator/schemas.ts';
import { api } from '../api.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatDateTime, formatYen } from '../format.ts';
import { Confirm, DecisionTag, RequireOperator, Score, StatusTag } from './common.tsx';
import type { CaseDetail, TimelineItem } from './types.ts';

type Action = 'confirm-fraud' | 'mark-legitimate' | 'unlock';

export function CaseDetailPage() {
  return (
    <RequireOperator>
      <CaseDetailView />
    </RequireOperator>
  );
}

function EventSummary({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const e = item.event;
  const parts: string[] = [];
  if (typeof e.amount === 'number') parts.push(`${formatYen(e.amount)}${t('operator.yen')}`);
  if (e.merchant?.name) parts.push(e.merchant.name);
  if (e.device?.platform) parts.push(`${t('operator.detail.device')}: ${e.device.platform}`);
  if (e.network?.country)
    parts.push(`${t('operator.detail.network')}: ${e.network.country} ${e.network.kind ?? ''}`.trim());
  return <span className="small muted">{parts.join(' · ')}</span>;
}

function Timeline({ items }: { items: TimelineItem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="ops-timeline">
      {items.map((item) => (
        <li key={item.id} className={item.isCaseEvent ? 'ops-event ops-event-case' : 'ops-event'}>
          <div className="ops-event-head">
            <time dateTime={item.at}>{formatDateTime(item.at, i18n.language)}</time>
            <strong>{t(`operator.eventType.${item.type}`, item.type)}</strong>
            {item.decision && <DecisionTag decision={item.decision.decision} />}
            {item.decision && item.decision.score > 0 && (
              <span className="small">
                {t('operator.score')} {item.decision.score}
              </span>
            )}
            {item.isCaseEvent && <span className="tag tag-new">{t('operator.detail.thisCase')}</span>}
          </div>
          <EventSummary item={item} />
          {item.decision && item.decision.reasons.length > 0 && (
            <ul className="ops-reasons">
              {item.decision.reasons.map((r) => (
                <li key={`${r.rule}-${r.points}`}>
                  <code>{r.rule}</code> <span className="ops-points">+{r.points}</span> {r.message}
                </li>
              ))}
            </ul>
          )}
          {item.decision?.notice && (
            <p className="small muted">
              {t('operator.detail.noticeSent')}: <span className="ref">{item.decision.notice}</span>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

function NoteForm({ caseId, onAdded }: { caseId: string; onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!caseNoteBodySchema.safeParse({ text }).success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    setError(null);
    try {
      await api(`/api/operator/cases/${encodeURIComponent(caseId)}/notes`, { json: { text } });
      setText('');
      await onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <label htmlFor="note-text">{t('operator.detail.noteLabel')}</label>
      <textarea
        id="note-text"
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={4000}
      />
      {invalid && (
        <p className="error" role="alert">
          {t('operator.detail.noteInvalid')}
        </p>
      )}
      <ErrorText error={error} />
      <button type="submit" className="ops-primary" disabled={busy}>
        {t('operator.actions.addNote')}
      </button>
    </form>
  );
}

function CaseDetailView() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const key = ['ops', 'case', id, i18n.language];
  const detail = useQuery({
    queryKey: key,
    queryFn: () => api<CaseDetail>(`/api/operator/cases/${encodeURIComponent(id)}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['ops'] });
  const act = useMutation({
    mutationFn: (action: Action) =>
      api(`/api/operator/cases/${encodeURIComponent(id)}/${action}`, { method: 'POST', json: {} }),
    onSuccess: async (_r, action) => {
      setPending(null);
      setDone(t(`operator.actions.done.${action}`));
      await refresh();
    },
  });

  if (detail.isPending) return <Loading />;
  if (!detail.data) return <ErrorText error={detail.error} />;
  const { case: c, timeline, notices, notes, locked } = detail.data;

  return (
    <>
      <p className="small">
        <Link to="/ops/cases">← {t('operator.detail.back')}</Link>
      </p>
      <h1>
        {t('operator.detail.title')} <span className="ref">{c.id}</span>
      </h1>
      <section className="card" aria-labelledby="case-summary">
        <h2 id="case-summary" className="visually-hidden">
          {t('operator.detail.summary')}
        </h2>
        <div className="ops-case-head">
          <Score score={c.score} />
          <span data-testid="case-status">
            <StatusTag status={c.status} />
          </span>
          <DecisionTag decision={c.decision} />
          {locked && <span className="tag ops-locked">{t('operator.detail.locked')}</span>}
        </div>
        <dl className="ops-dl">
          <dt>{t('operator.queue.account')}</dt>
          <dd className="ref">{c.account}</dd>
          <dt>{t('operator.detail.opened')}</dt>
          <dd>
            <time dateTime={c.openedAt}>{formatDateTime(c.openedAt, i18n.language)}</time>
          </dd>
          <dt>{t('operator.detail.updated')}</dt>
          <dd>
            <time dateTime={c.updatedAt}>{formatDateTime(c.updatedAt, i18n.language)}</time>
          </dd>
        </dl>
        <h3>{t('operator.detail.reasons')}</h3>
        <ul className="ops-reasons">
          {c.reasons.map((r) => (
            <li key={`${r.rule}-${r.points}`}>
              <code>{r.rule}</code> <span className="ops-points">+{r.points}</span> {r.message}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="case-actions">
        <h2 id="case-actions">{t('operator.detail.actions')}</h2>
        {done && (
          <p className="note" role="status">
            {done}
          </p>
        )}
        {pending === null ? (
          <div className="ops-buttons">
            <button
              type="button"
              className="danger"
              onClick={() => setPending('confirm-fraud')}
              disabled={c.status === 'confirmed_fraud'}
            >
              {t('operator.actions.confirmFraud')}
            </button>
            <button
              type="button"
              onClick={() => setPending('mark-legitimate')}
              disabled={c.status === 'legitimate'}
            >
              {t('operator.actions.markLegitimate')}
            </button>
            <button type="button" onClick={() => setPending('unlock')} disabled={!locked}>
              {t('operator.actions.unlock')}
            </button>
          </div>
        ) : (
          <Confirm
            title={t(`operator.actions.confirm.${pending}.title`)}
            body={t(`operator.actions.confirm.${pending}.body`, { account: c.account })}
            confirmLabel={t(`operator.actions.confirm.${pending}.button`)}
            danger={pending === 'confirm-fraud'}
            busy={act.isPending}
            onConfirm={() => {
              setDone(null);
              act.mutate(pending);
            }}
            onCancel={() => setPending(null)}
          />
        )}
        <ErrorText error={act.error} />
      </section>

      <section className="card" aria-labelledby="case-timeline">
        <h2 id="case-timeline">{t('operator.detail.timeline')}</h2>
        {timeline.length === 0 ? <p>{t('operator.detail.noEvents')}</p> : <Timeline items={timeline} />}
      </section>

      <section className="card" aria-labelledby="case-notices">
        <h2 id="case-notices">{t('operator.detail.notices')}</h2>
        {notices.length === 0 && <p>{t('operator.detail.noNotices')}</p>}
        <ul className="ops-plain">
          {notices.map((n) => (
            <li key={n.ref}>
              <p>
                <strong>{n.title}</strong>{' '}
                <span className="small muted">
                  <span className="ref">{n.ref}</span> ·{' '}
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time> ·{' '}
                  {n.read ? t('operator.detail.read') : t('operator.detail.unread')}
                </span>
              </p>
              <details>
                <summary>{t('operator.detail.showBody')}</summary>
                <p className="notice-body small">{n.body}</p>
              </details>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="case-notes">
        <h2 id="case-notes">{t('operator.detail.notes')}</h2>
        {notes.length === 0 && <p>{t('operator.detail.noNotes')}</p>}
        <ul className="ops-plain">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="small muted">
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>
              </p>
              <p className="notice-body">{n.text}</p>
            </li>
          ))}
        </ul>
        <NoteForm caseId={c.id} onAdded={refresh} />
      </section>
    </>
  );
}
