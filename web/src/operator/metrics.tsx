/**
 * 指標 (GET /api/operator/metrics?hours=N): decisions per hour by action as a small inline SVG
 * stacked bar chart (no chart library), yen held, challenge and false-positive rates, top rules.
 * The chart is one image with a text summary; the table under it carries every number.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorText, Loading } from '../components/status.tsx';
import { formatDateTime, formatYen } from '../format.ts';
import { RequireOperator } from './common.tsx';
import type { MetricsView } from './types.ts';

const ACTIONS = ['allow', 'challenge', 'hold', 'lock'] as const;
const WINDOWS = [24, 72, 168, 336] as const;
const W = 720;
const H = 180;
const PAD_BOTTOM = 22;

function percent(r: number | null, lang: string): string {
  if (r === null) return '—';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(r);
}

function HourlyChart({ m }: { m: MetricsView }) {
  const { t, i18n } = useTranslation();
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const shown = onlyFlagged ? ACTIONS.filter((a) => a !== 'allow') : ACTIONS;
  const max = Math.max(1, ...m.perHour.map((b) => shown.reduce((s, a) => s + b[a], 0)));
  const slot = m.perHour.length > 0 ? W / m.perHour.length : W;
  const barW = Math.max(1, slot * 0.8);
  const plotH = H - PAD_BOTTOM;
  const summary = t('operator.metrics.chartDesc', {
    hours: m.hours,
    all: m.totals.all,
    allow: m.totals.allow,
    challenge: m.totals.challenge,
    hold: m.totals.hold,
    lock: m.totals.lock,
  });
  const first = m.perHour[0];
  const last = m.perHour[m.perHour.length - 1];
  return (
    <figure className="chart ops-chart">
      <figcaption>
        <strong>{t('operator.metrics.chartTitle')}</strong>
        <span className="small muted">{summary}</span>
      </figcaption>
      <label className="ops-check">
        <input type="checkbox" checked={onlyFlagged} onChange={(e) => setOnlyFlagged(e.target.checked)} />{' '}
        {t('operator.metrics.onlyFlagged')}
      </label>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="none">
        <line x1={0} y1={plotH} x2={W} y2={plotH} className="axis" />
        {m.perHour.map((b, i) => {
          let y = plotH;
          const x = i * slot + (slot - barW) / 2;
          return (
            <g key={b.startMs}>
              <title>{`${formatDateTime(b.at, i18n.language)}: ${shown.map((a) => `${t(`operator.action.${a}`)} ${b[a]}`).join(', ')}`}</title>
              {shown.map((a) => {
                const h = (b[a] / max) * (plotH - 4);
                if (h <= 0) return null;
                y -= h;
                return <rect key={a} x={x} y={y} width={barW} height={h} className={`ops-bar-${a}`} />;
              })}
            </g>
          );
        })}
        {first && last && (
          <>
            <text x={2} y={H - 5} className="chart-label">
              {formatDateTime(first.at, i18n.language)}
            </text>
            <text x={W - 2} y={H - 5} className="chart-label" textAnchor="end">
              {formatDateTime(last.at, i18n.language)}
            </text>
          </>
        )}
      </svg>
      <p className="legend small">
        {shown.map((a) => (
          <span key={a} className="ops-legend-item">
            <span className={`swatch ops-swatch-${a}`} aria-hidden="true" /> {t(`operator.action.${a}`)}
          </span>
        ))}
      </p>
    </figure>
  );
}

export function MetricsPage() {
  return (
    <RequireOperator>
      <Metrics />
    </RequireOperator>
  );
}

function Metrics() {
  const { t, i18n } = useTranslation();
  const [hours, setHours] = useState<number>(168);
  const metrics = useQuery({
    queryKey: ['ops', 'metrics', hours, i18n.language],
    queryFn: () => api<MetricsView>(`/api/operator/metrics?hours=${hours}`),
  });
  const m = metrics.data;
  return (
    <>
      <h1>{t('operator.metrics.title')}</h1>
      <div className="card">
        <label htmlFor="m-window">{t('operator.metrics.window')}</label>
        <select id="m-window" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              {t(`operator.metrics.windows.${w}`)}
            </option>
          ))}
        </select>
      </div>
      {metrics.isPending && <Loading />}
      <ErrorText error={metrics.error} />
      {m && (
        <>
          <ul className="ops-stats">
            <li className="card">
              <span className="small muted">{t('operator.metrics.decisions')}</span>
              <strong>{m.totals.all.toLocaleString('ja-JP')}</strong>
            </li>
            <li className="card">
              <span className="small muted">{t('operator.metrics.yenHeld')}</span>
              <strong>
                {formatYen(m.yenHeld)}
                {t('operator.yen')}
              </strong>
            </li>
            <li className="card">
              <span className="small muted">{t('operator.metrics.challengeRate')}</span>
              <strong>{percent(m.challengeRate, i18n.language)}</strong>
            </li>
            <li className="card">
              <span className="small muted">{t('operator.metrics.falsePositiveRate')}</span>
              <strong>{percent(m.falsePositiveRate, i18n.language)}</strong>
              <span className="small muted">
                {t('operator.metrics.outcomes', {
                  legitimate: m.caseOutcomes.legitimate,
                  fraud: m.caseOutcomes.confirmedFraud,
                })}
              </span>
            </li>
          </ul>
          <HourlyChart m={m} />
          <section className="card" aria-labelledby="top-rules">
            <h2 id="top-rules">{t('operator.metrics.topRules')}</h2>
            {m.topRules.length === 0 ? (
              <p>{t('operator.metrics.noRules')}</p>
            ) : (
              <table className="ops-table">
                <thead>
                  <tr>
                    <th scope="col">{t('operator.metrics.rule')}</th>
                    <th scope="col">{t('operator.metrics.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.topRules.map((r) => (
                    <tr key={r.rule}>
                      <td>
                        <code>{r.rule}</code>
                      </td>
                      <td className="num">{r.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="totals">
            <h2 id="totals">{t('operator.metrics.totals')}</h2>
            <table className="ops-table">
              <tbody>
                {ACTIONS.map((a) => (
                  <tr key={a}>
                    <th scope="row">{t(`operator.action.${a}`)}</th>
                    <td className="num">{m.totals[a].toLocaleString('ja-JP')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}
