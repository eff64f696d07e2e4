/**
 * 報告されたフィッシング (GET /api/operator/campaigns, POST /api/operator/reports): campaigns
 * (same non-official domain, phone number or near-identical text) with size, first/last seen,
 * examples, domains and phones; a form to add a reported message; 「注意喚起を送る」 sends the
 * plain-text warning notice to every subscriber after a confirmation, and says how many got it.
 * Message texts are shown as text (React escapes them); links in them are never made clickable.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportBodySchema } from '../../../src/operator/schemas.ts';
import { api } from '../api.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatDateTime } from '../format.ts';
import { Confirm, RequireOperator } from './common.tsx';
import type { CampaignView, ReportView } from './types.ts';

function ReportForm({ onAdded }: { onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sender, setSender] = useState('');
  const [channel, setChannel] = useState<'sms' | 'email'>('sms');
  const [invalid, setInvalid] = useState(false);
  const [added, setAdded] = useState<ReportView | null>(null);
  const add = useMutation({
    mutationFn: (body: unknown) => api<{ report: ReportView }>('/api/operator/reports', { json: body }),
    onSuccess: async (r) => {
      setAdded(r.report);
      setText('');
      setSender('');
      await onAdded();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { text, channel, ...(sender.trim() ? { sender: sender.trim() } : {}) };
    if (!reportBodySchema.safeParse(body).success || !text.trim()) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setAdded(null);
    add.mutate(body);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="report-title">
      <h2 id="report-title">{t('operator.campaigns.addTitle')}</h2>
      <p className="small muted">{t('operator.campaigns.addHelp')}</p>
      <label htmlFor="r-text">{t('operator.campaigns.text')}</label>
      <textarea
        id="r-text"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={20000}
      />
      <div className="ops-two">
        <div>
          <label htmlFor="r-sender">{t('operator.campaigns.sender')}</label>
          <input id="r-sender" value={sender} onChange={(e) => setSender(e.target.value)} maxLength={320} />
        </div>
        <div>
          <label htmlFor="r-channel">{t('operator.campaigns.channel')}</label>
          <select
            id="r-channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as 'sms' | 'email')}
          >
            <option value="sms">SMS</option>
            <option value="email">{t('operator.campaigns.email')}</option>
          </select>
        </div>
      </div>
      {invalid && (
        <p className="error" role="alert">
          {t('operator.campaigns.textInvalid')}
        </p>
      )}
      <ErrorText error={add.error} />
      {added && (
        <p className="note" role="status">
          {t('operator.campaigns.added', {
            verdict: t(`operator.verdict.${added.verdict}`, added.verdict),
            score: added.score,
          })}
        </p>
      )}
      <button type="submit" className="ops-primary" disabled={add.isPending}>
        {t('operator.campaigns.add')}
      </button>
    </form>
  );
}

function CampaignCard({ c, onSent }: { c: CampaignView; onSent: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const warn = useMutation({
    mutationFn: () =>
      api<{ sent: number }>(`/api/operator/campaigns/${encodeURIComponent(c.id)}/warn`, { json: {} }),
    onSuccess: async (r) => {
      setConfirming(false);
      setSent(r.sent);
      await onSent();
    },
  });
  const titleId = `c-${c.id}`;
  return (
    <li className="card ops-campaign">
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>
          {t('operator.campaigns.campaign')} <span className="ref">{c.id}</span>
        </h3>
        <dl className="ops-dl">
          <dt>{t('operator.campaigns.size')}</dt>
          <dd>{t('operator.campaigns.reports', { count: c.size })}</dd>
          <dt>{t('operator.campaigns.firstSeen')}</dt>
          <dd>
            <time dateTime={c.firstSeen}>{formatDateTime(c.firstSeen, i18n.language)}</time>
          </dd>
          <dt>{t('operator.campaigns.lastSeen')}</dt>
          <dd>
            <time dateTime={c.lastSeen}>{formatDateTime(c.lastSeen, i18n.language)}</time>
          </dd>
          {c.brands.length > 0 && (
            <>
              <dt>{t('operator.campaigns.brands')}</dt>
              <dd>{c.brands.join(', ')}</dd>
            </>
          )}
          <dt>{t('operator.campaigns.domains')}</dt>
          <dd>
            {c.domains.length === 0
              ? '—'
              : c.domains.map((d) => (
                  <code key={d} className="inert">
                    {d}
                  </code>
                ))}
          </dd>
          <dt>{t('operator.campaigns.phones')}</dt>
          <dd>
            {c.phones.length === 0
              ? '—'
              : c.phones.map((p) => (
                  <code key={p} className="inert">
                    {p}
                  </code>
                ))}
          </dd>
        </dl>
        <h4>{t('operator.campaigns.examples')}</h4>
        <ul className="ops-plain">
          {c.examples.map((r) => (
            <li key={r.id}>
              <p className="small muted">
                {t(`operator.verdict.${r.verdict}`, r.verdict)} ({r.score}) ·{' '}
                <time dateTime={r.reportedAt}>{formatDateTime(r.reportedAt, i18n.language)}</time>
                {r.sender ? ` · ${r.sender}` : ''}
              </p>
              <p className="ops-example">{r.text}</p>
            </li>
          ))}
        </ul>
        {c.warnings.length > 0 && (
          <p className="small">
            {t('operator.campaigns.warnedBefore', {
              at: formatDateTime(c.warnings[c.warnings.length - 1]?.at ?? '', i18n.language),
              count: c.warnings.reduce((s, w) => s + w.recipients, 0),
            })}
          </p>
        )}
        {sent !== null && (
          <p className="note" role="status">
            {t('operator.campaigns.sent', { count: sent })}
          </p>
        )}
        {confirming ? (
          <Confirm
            title={t('operator.campaigns.confirmTitle')}
            body={t('operator.campaigns.confirmBody')}
            confirmLabel={t('operator.campaigns.confirmButton')}
            busy={warn.isPending}
            onConfirm={() => warn.mutate()}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('operator.campaigns.warn')}
          </button>
        )}
        <ErrorText error={warn.error} />
      </article>
    </li>
  );
}

export function CampaignsPage() {
  return (
    <RequireOperator>
      <Campaigns />
    </RequireOperator>
  );
}

function Campaigns() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const campaigns = useQuery({
    queryKey: ['ops', 'campaigns', i18n.language],
    queryFn: () => api<{ campaigns: CampaignView[] }>('/api/operator/campaigns'),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['ops', 'campaigns'] });
  const list = [...(campaigns.data?.campaigns ?? [])].sort(
    (a, b) => b.size - a.size || b.lastSeen.localeCompare(a.lastSeen),
  );
  return (
    <>
      <h1>{t('operator.campaigns.title')}</h1>
      <p className="muted">{t('operator.campaigns.intro')}</p>
      <ReportForm onAdded={refresh} />
      <section aria-labelledby="campaign-list">
        <h2 id="campaign-list">{t('operator.campaigns.listTitle')}</h2>
        {campaigns.isPending && <Loading />}
        <ErrorText error={campaigns.error} />
        {campaigns.data && list.length === 0 && <p className="card">{t('operator.campaigns.empty')}</p>}
        <ul className="ops-list">
          {list.map((c) => (
            <CampaignCard key={c.id} c={c} onSent={refresh} />
          ))}
        </ul>
      </section>
    </>
  );
}
