/**
 * ケース一覧 (GET /api/operator/cases): filters kept in the address (status, decision, rule,
 * minimum score, age), newest first, each case's score and reasons at a glance.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { caseQueueQuerySchema } from '../../../src/operator/schemas.ts';
import { api } from '../api.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatDateTime } from '../format.ts';
import { DecisionTag, RequireOperator, Score, StatusTag } from './common.tsx';
import type { CaseView } from './types.ts';

const STATUSES = ['open', 'confirmed_fraud', 'legitimate', 'closed'] as const;
const DECISIONS = ['challenge', 'hold', 'lock'] as const;
const AGES = ['', '1', '24', '72', '168'] as const;
const FILTERS = ['status', 'decision', 'rule', 'minScore', 'olderThanHours'] as const;

function CaseRow({ c }: { c: CaseView }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card ops-case">
      <div className="ops-case-head">
        <Score score={c.score} />
        <Link to={`/ops/cases/${encodeURIComponent(c.id)}`} className="ops-case-id">
          {c.id}
        </Link>
        <StatusTag status={c.status} />
        <DecisionTag decision={c.decision} />
      </div>
      <p className="small muted ops-meta">
        {t('operator.queue.account')}: <span className="ref">{c.account}</span>
        {' · '}
        <time dateTime={c.openedAt}>{formatDateTime(c.openedAt, i18n.language)}</time>
        {' · '}
        {t('operator.queue.age', { count: c.ageHours })}
      </p>
      <ul className="ops-reasons">
        {c.reasons.map((r) => (
          <li key={`${r.rule}-${r.points}`}>
            <code>{r.rule}</code> <span className="ops-points">+{r.points}</span> {r.message}
          </li>
        ))}
      </ul>
    </li>
  );
}

export function CaseQueuePage() {
  return (
    <RequireOperator>
      <CaseQueue />
    </RequireOperator>
  );
}

function CaseQueue() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])));
  const [invalid, setInvalid] = useState(false);
  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) query.set(f, v);
  }
  query.set('limit', '100');
  const cases = useQuery({
    queryKey: ['ops', 'cases', query.toString(), i18n.language],
    queryFn: () => api<{ cases: CaseView[]; next: string | null }>(`/api/operator/cases?${query.toString()}`),
  });
  // The server answers by id descending; sort again by opening time so "newest first" holds.
  const list = [...(cases.data?.cases ?? [])].sort((a, b) => b.openedAt.localeCompare(a.openedAt));

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const v = (draft[f] ?? '').trim();
      if (v) next.set(f, v);
    }
    // The same schema as the server: a bad rule name or score is caught before the request.
    if (!caseQueueQuerySchema.safeParse(Object.fromEntries(next)).success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setParams(next);
  };
  const set = (f: string) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [f]: e.target.value });

  return (
    <>
      <h1>{t('operator.queue.title')}</h1>
      <form className="card ops-filters" onSubmit={apply} aria-labelledby="ops-filter-title">
        <h2 id="ops-filter-title" className="visually-hidden">
          {t('operator.queue.filters')}
        </h2>
        <div>
          <label htmlFor="f-status">{t('operator.queue.status')}</label>
          <select id="f-status" value={draft.status} onChange={set('status')}>
            <option value="">{t('operator.queue.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`operator.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-decision">{t('operator.queue.decision')}</label>
          <select id="f-decision" value={draft.decision} onChange={set('decision')}>
            <option value="">{t('operator.queue.any')}</option>
            {DECISIONS.map((d) => (
              <option key={d} value={d}>
                {t(`operator.decision.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-rule">{t('operator.queue.rule')}</label>
          <input
            id="f-rule"
            value={draft.rule}
            onChange={set('rule')}
            placeholder="new_device"
            autoCapitalize="off"
            spellCheck={false}
          />
        </div>
        <div>
          <label htmlFor="f-score">{t('operator.queue.minScore')}</label>
          <input
            id="f-score"
            type="number"
            min={0}
            max={100}
            value={draft.minScore}
            onChange={set('minScore')}
          />
        </div>
        <div>
          <label htmlFor="f-age">{t('operator.queue.olderThan')}</label>
          <select id="f-age" value={draft.olderThanHours} onChange={set('olderThanHours')}>
            {AGES.map((a) => (
              <option key={a} value={a}>
                {a === '' ? t('operator.queue.any') : t(`operator.queue.ages.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="ops-filter-actions">
          <button type="submit" className="ops-primary">
            {t('operator.queue.apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(Object.fromEntries(FILTERS.map((f) => [f, ''])));
              setInvalid(false);
              setParams(new URLSearchParams());
            }}
          >
            {t('operator.queue.clear')}
          </button>
        </div>
        {invalid && (
          <p className="error" role="alert">
            {t('operator.queue.invalid')}
          </p>
        )}
      </form>
      {cases.isPending && <Loading />}
      <ErrorText error={cases.error} />
      {cases.data && (
        <p className="muted small" role="status">
          {t('operator.queue.count', { count: list.length })}
        </p>
      )}
      {cases.data && list.length === 0 && <p className="card">{t('operator.queue.empty')}</p>}
      <ul className="ops-list" aria-label={t('operator.queue.title')}>
        {list.map((c) => (
          <CaseRow key={c.id} c={c} />
        ))}
      </ul>
    </>
  );
}
