/**
 * Shared pieces of the operator console: the role guard, the inline confirmation used before
 * every destructive action, and the small labels (status, decision) the pages repeat.
 */
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useMe } from '../auth.ts';
import { Loading } from '../components/status.tsx';
import './operator.css';

/** Operator pages: no session → sign-in; a subscriber is told plainly, never shown data. */
export function RequireOperator({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  if (me.data.user.role !== 'operator') {
    return (
      <p className="card error" role="alert">
        {t('operator.forbidden')}
      </p>
    );
  }
  return <div className="ops">{children}</div>;
}

/** A confirmation panel (role alertdialog, as the subscriber lock page uses). */
export function Confirm({
  title,
  body,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  danger = true,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={`${id}-t`} aria-describedby={`${id}-b`}>
      <h3 id={`${id}-t`}>{title}</h3>
      <p id={`${id}-b`}>{body}</p>
      <div className="ops-buttons">
        <button
          type="button"
          className={danger ? 'danger' : 'ops-primary'}
          onClick={onConfirm}
          disabled={busy}
        >
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('operator.cancel')}
        </button>
      </div>
    </div>
  );
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`tag ops-status ops-status-${status}`}>{t(`operator.status.${status}`, status)}</span>
  );
}

export function DecisionTag({ decision }: { decision: string }) {
  const { t } = useTranslation();
  return (
    <span className={`tag ops-decision ops-decision-${decision}`}>
      {t(`operator.decision.${decision}`, decision)}
    </span>
  );
}

/** A 0–100 score with a bar: the number is the text, the bar is decoration. */
export function Score({ score }: { score: number }) {
  const { t } = useTranslation();
  const level = score >= 80 ? 'high' : score >= 50 ? 'medium' : 'low';
  return (
    <span className={`ops-score ops-score-${level}`}>
      <span className="visually-hidden">{t('operator.score')} </span>
      <strong>{score}</strong>
      <span className="ops-score-bar" aria-hidden="true">
        <span style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
      </span>
    </span>
  );
}

/** A zod result's first problem as the shared "invalid" message for a field. */
export function firstIssuePath(issues: ReadonlyArray<{ path: PropertyKey[] }>): string {
  return issues.map((i) => i.path.map(String).join('.')).find(Boolean) ?? '';
}
