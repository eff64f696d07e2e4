/**
 * Charges per month as a small inline SVG bar chart (no chart library, no data: URLs under the
 * CSP). Months flagged as a sudden rise are drawn in the warning colour and named in the text;
 * the bars are one image for screen readers, whose label carries the numbers.
 */
import { useTranslation } from 'react-i18next';
import { formatYen } from '../format.ts';
import type { StatementReviewView } from './response-api.ts';

const W = 600;
const H = 170;
const BOTTOM = 22;

export function MonthChart({ months }: { months: StatementReviewView['summary']['months'] }) {
  const { t } = useTranslation();
  if (months.length === 0) return null;
  const max = Math.max(1, ...months.map((m) => m.charges));
  const slot = W / months.length;
  const barW = Math.max(4, Math.min(60, slot * 0.6));
  const plotH = H - BOTTOM;
  const description = months
    .map((m) => `${m.month}: ¥${formatYen(m.charges)}${m.rise ? ` (${t('response.statement.rise')})` : ''}`)
    .join('、');
  return (
    <figure className="chart resp-chart">
      <figcaption>
        <strong id="month-chart-title">{t('response.statement.chartTitle')}</strong>
        <span className="small muted">{t('response.statement.chartHelp')}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${t('response.statement.chartTitle')}: ${description}`}
      >
        <line x1={0} y1={plotH} x2={W} y2={plotH} className="axis" />
        {months.map((m, i) => {
          const h = (m.charges / max) * (plotH - 16);
          const x = i * slot + (slot - barW) / 2;
          return (
            <g key={m.month}>
              <title>{`${m.month}: ¥${formatYen(m.charges)}`}</title>
              <rect
                x={x}
                y={plotH - h}
                width={barW}
                height={h}
                className={m.rise ? 'resp-bar-rise' : 'bar-spent'}
              />
              {months.length <= 12 && (
                <text x={x + barW / 2} y={H - 5} textAnchor="middle" className="chart-label">
                  {m.month.slice(2).replace('-', '/')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
