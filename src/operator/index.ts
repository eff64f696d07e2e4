/**
 * Operator console domain (issue 5 "Operators"): pure helpers behind src/server/routes/operator.ts
 * (campaign grouping, metrics), its messages and its input schemas. Storage lives in
 * src/db/operator.repository.ts.
 */
export {
  type Campaign,
  type CampaignReport,
  type GroupCampaignsOptions,
  groupCampaigns,
  jaccard,
  normalizeReportText,
  shingles,
} from './campaigns.ts';
export {
  campaignWarningText,
  type Lang,
  OPERATOR_ERRORS,
  type OperatorErrorCode,
  operatorError,
} from './messages.ts';
export {
  ACTIONS,
  type Action,
  computeMetrics,
  type FlaggedDecision,
  HOUR_MS,
  type HourBucket,
  type HourlyCount,
  type MetricsInput,
  type OperatorMetrics,
  windowStartHour,
} from './metrics.ts';
export { reportPhishing } from './report-phishing.ts';
export * from './schemas.ts';
