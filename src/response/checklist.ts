/**
 * The guided-response checklist (issue 6 "Guided response"): its wire shape, defined once as a zod
 * schema so the CLI, the web app and `mamori report` read and write the same JSON. Field names are
 * snake_case like the other wire objects (CheckResult's `official_url`, the reference's
 * `source_type`).
 */
import { z } from 'zod';

/** The four ways into the flow, in the order they are offered. */
export const SITUATIONS = ['got_message', 'entered_data', 'unknown_charge', 'lost_phone'] as const;
export const situationSchema = z.enum(SITUATIONS, {
  error: `must be one of ${SITUATIONS.join(', ')}`,
});
export type Situation = z.infer<typeof situationSchema>;

export const STEP_IDS = [
  'dont_tap',
  'check_official',
  'card_stop',
  'line_stop',
  'carrier_billing',
  'password_2fa',
  'keep_evidence',
  'police',
  'consumer_hotline',
  'report_phishing',
  'compensation',
] as const;
export const stepIdSchema = z.enum(STEP_IDS);
export type StepId = z.infer<typeof stepIdSchema>;

export const langSchema = z.enum(['ja', 'en'], { error: 'must be ja or en' });
export type Lang = z.infer<typeof langSchema>;

/** Same values as the registry's SourceType. */
const sourceTypeSchema = z.enum(['official', 'partner_official', 'news', 'secondary', 'operator']);

const localTextSchema = z.object({ ja: z.string(), en: z.string() });
export type LocalText = z.infer<typeof localTextSchema>;

/**
 * One line of a step. Mamori's own advice has no source; a registry fact keeps its source, and
 * `unconfirmed` is true when that source is not official (reference README: secondary facts must
 * not be shown to victims as official).
 */
const noteSchema = localTextSchema.extend({
  source: z.string().optional(),
  source_type: sourceTypeSchema.optional(),
  unconfirmed: z.boolean(),
});
export type StepNote = z.infer<typeof noteSchema>;

/** A number to call, shown as-is (hyphenation as in the source). */
const phoneSchema = z.object({
  number: z.string(),
  /** Digits only (or #9110), for a tel: link in the web app. */
  digits: z.string(),
  brand_id: z.string(),
  label: localTextSchema,
  /** As written in the source (Japanese). */
  hours: z.string().optional(),
  note: z.string().optional(),
  source: z.string(),
  source_type: sourceTypeSchema,
  unconfirmed: z.boolean(),
});
export type StepPhone = z.infer<typeof phoneSchema>;

const stepSchema = z.object({
  id: stepIdSchema,
  title: localTextSchema,
  phones: z.array(phoneSchema),
  notes: z.array(noteSchema),
  /** ISO 8601 time the person marked the step done, or null. */
  done_at: z.iso.datetime({ offset: true }).nullable(),
});
export type ChecklistStep = z.infer<typeof stepSchema>;

export const checklistSchema = z.object({
  version: z.literal(1),
  situation: situationSchema,
  issuer_id: z.string().nullable(),
  carrier_id: z.string().nullable(),
  /** Language the text form is printed in; every step carries both languages. */
  lang: langSchema,
  created_at: z.iso.datetime({ offset: true }),
  steps: z.array(stepSchema),
});
export type Checklist = z.infer<typeof checklistSchema>;
