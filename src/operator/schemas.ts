/**
 * One zod schema per operator API input (DEVELOPERS.md "One schema library"): query strings,
 * params and bodies. The web app reuses them for its forms.
 */
import { z } from 'zod';

const intString = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const caseQueueQuerySchema = z.object({
  status: z.enum(['open', 'confirmed_fraud', 'legitimate', 'closed']).optional(),
  decision: z.enum(['challenge', 'hold', 'lock']).optional(),
  rule: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .optional(),
  minScore: intString(0, 100).optional(),
  olderThanHours: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .optional(),
  limit: intString(1, 500).optional(),
  before: z
    .string()
    .regex(/^C-\d{6,15}$/)
    .optional(),
  lang: z.enum(['ja', 'en']).optional(),
});

export const caseParamsSchema = z.object({ id: z.string().regex(/^C-\d{6,15}$/) });

export const caseNoteBodySchema = z.strictObject({ text: z.string().trim().min(1).max(4000) });

export const metricsQuerySchema = z.object({
  hours: intString(1, 24 * 14).default(24),
  lang: z.enum(['ja', 'en']).optional(),
});

export const reportBodySchema = z.strictObject({
  text: z.string().min(1).max(20_000),
  sender: z.string().max(320).optional(),
  subject: z.string().max(1000).optional(),
  channel: z.enum(['sms', 'email']).optional(),
});
export type ReportBody = z.infer<typeof reportBodySchema>;

export const campaignsQuerySchema = z.object({
  minSize: intString(1, 1000).default(1),
  lang: z.enum(['ja', 'en']).optional(),
});

export const campaignParamsSchema = z.object({ id: z.string().regex(/^cmp_[A-Za-z0-9_]{1,80}$/) });

export const campaignWarnBodySchema = z.strictObject({
  lang: z.enum(['ja', 'en']).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  body: z.string().trim().min(1).max(2000).optional(),
});

export const apiKeyBodySchema = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const apiKeyParamsSchema = z.object({ id: z.string().regex(/^key_[0-9a-f]{1,64}$/) });

/** HTTPS only, except plain HTTP to this machine (local development receivers). */
export const webhookBodySchema = z.strictObject({
  url: z
    .string()
    .max(2000)
    .url()
    .refine((u) => {
      const url = new URL(u);
      if (url.username !== '' || url.password !== '') return false;
      if (url.protocol === 'https:') return true;
      return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    }, 'must be an https URL without credentials'),
});
export const webhookParamsSchema = z.object({ id: z.string().regex(/^wh_[0-9a-f]{1,64}$/) });
