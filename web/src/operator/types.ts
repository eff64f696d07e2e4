/**
 * Wire types of the operator API (src/server/routes/operator.ts). The metrics shape comes from
 * the server's own module (type-only import: no server code reaches the bundle).
 */
import type { OperatorMetrics } from '../../../src/operator/metrics.ts';

export type CaseStatus = 'open' | 'confirmed_fraud' | 'legitimate' | 'closed';
export type CaseDecision = 'challenge' | 'hold' | 'lock';

export interface Reason {
  rule: string;
  points: number;
  message: string;
}

export interface CaseView {
  id: string;
  account: string;
  status: CaseStatus;
  decision: CaseDecision;
  score: number;
  eventId: string;
  openedAt: string;
  updatedAt: string;
  ageHours: number;
  rules: string[];
  reasons: Reason[];
}

export interface TimelineItem {
  id: string;
  type: string;
  at: string;
  isCaseEvent: boolean;
  event: {
    amount?: number;
    merchant?: { name?: string; category?: string };
    device?: { id?: string; platform?: string };
    network?: { ip?: string; country?: string; kind?: string };
  } & Record<string, unknown>;
  decision: {
    decision: string;
    score: number;
    reasons: Reason[];
    notice: string | null;
    case: string | null;
  } | null;
}

export interface CaseDetail {
  case: CaseView;
  locked: boolean;
  timeline: TimelineItem[];
  notices: Array<{
    ref: string;
    kind: string;
    title: string;
    body: string;
    lang: string;
    createdAt: string;
    read: boolean;
    eventId: string | null;
  }>;
  notes: Array<{ id: string; author: string; text: string; createdAt: string }>;
}

export interface MetricsView extends OperatorMetrics {
  since: string;
  until: string;
  perHour: Array<OperatorMetrics['perHour'][number] & { at: string }>;
}

export interface ReportView {
  id: string;
  reporter: 'operator' | 'subscriber';
  channel: string | null;
  sender: string | null;
  subject: string | null;
  text: string;
  verdict: string;
  score: number;
  brand: string | null;
  domains: string[];
  phones: string[];
  reportedAt: string;
}

export interface CampaignView {
  id: string;
  size: number;
  firstSeen: string;
  lastSeen: string;
  domains: string[];
  phones: string[];
  verdicts: Record<string, number>;
  brands: string[];
  examples: ReportView[];
  warnings: Array<{ at: string; recipients: number }>;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface WebhookView {
  id: string;
  url: string;
  active: boolean;
  createdAt: string;
}
