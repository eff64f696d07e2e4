/**
 * Spending per day as a tiny inline SVG bar chart (no chart library: the initial bundle stays
 * small). Bars are decorative for screen readers; the summary sentence carries the numbers.
 */
import { useTranslation } from 'react-i18next';
import type { ActivityView } from '../api.ts';
import { formatYen } from '../format.ts';

const W = 600;
const H = 160;
const PAD_BOTTOM = 20;

export function SpendingChart({ activity }: { activity: ActivityView }) {
  const { t } = useTranslation();
  const days = activity.spendingPerDay;
  const max = Math.max(1, ...days.map((d) => d.spent + d.blocked));
  const slot = days.length > 0 ? W / days.length : W;
  const barW = Math.max(2, slot * 0.7);
  const plotH = H - PAD_BOTTOM;
  const summary = t('activity.chartDesc', {
    from: activity.from.slice(0, 10),
    to: activity.to.slice(0, 10),
    spent: formatYen(activity.totals.spent),
    blocked: formatYen(activity.totals.blocked),
  });
  return (
    <figure className="chart">
      <figcaption>
        <strong>{t('activity.chartTitle')}</strong>
        <span className="small muted">{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="none">
        <line x1={0} y1={plotH} x2={W} y2={plotH} className="axis" />
        {days.map((d, i) => {
          const hSpent = (d.spent / max) * (plotH - 4);
          const hBlocked = (d.blocked / max) * (plotH - 4);
          const x = i * slot + (slot - barW) / 2;
          return (
            <g key={d.date}>
              <title>{`${d.date}: ${formatYen(d.spent)} / ${formatYen(d.blocked)}`}</title>
              {d.spent > 0 && (
                <rect x={x} y={plotH - hSpent} width={barW} height={hSpent} className="bar-spent" />
              )}
              {d.blocked > 0 && (
                <rect
                  x={x}
                  y={plotH - hSpent - hBlocked}
                  width={barW}
                  height={hBlocked}
                  className="bar-blocked"
                />
              )}
            </g>
          );
        })}
        {days.length > 0 && (
          <>
            <text x={2} y={H - 4} className="chart-label">
              {days[0]?.date.slice(5)}
            </text>
            <text x={W - 2} y={H - 4} className="chart-label" textAnchor="end">
              {days[days.length - 1]?.date.slice(5)}
            </text>
          </>
        )}
      </svg>
      <p className="legend small">
        <span className="swatch swatch-spent" aria-hidden="true" /> {t('activity.spent')}{' '}
        <span className="swatch swatch-blocked" aria-hidden="true" /> {t('activity.blocked')}
      </p>
    </figure>
  );
}
