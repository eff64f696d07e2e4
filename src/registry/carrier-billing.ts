/**
 * Carrier-billing facts of a carrier (reference field `carrier_billing`: service name, usage
 * check, stop/limit procedures, compensation, each with its own source). The entries differ in
 * shape (ymobile/uq/povo give only a name with a top-level source, SoftBank adds `definition`,
 * Rakuten `scope`), so the schema is loose and only what Mamori shows is typed.
 */
import { z } from 'zod';
import type { SourceType } from './types.ts';

const sourceType = z.enum(['official', 'partner_official', 'news', 'secondary', 'operator']);

const sourcedTextSchema = z.looseObject({
  ja: z.string(),
  en: z.string(),
  source: z.string().min(1),
  source_type: sourceType,
});

/**
 * Loose: the entries differ in shape (ymobile/uq/povo give only a name with a top-level source,
 * SoftBank adds `definition`, Rakuten `scope`); only what the checklist shows is typed.
 */
export const carrierBillingSchema = z.looseObject({
  service_name_ja: z.string().optional(),
  service_name_en: z.string().optional(),
  /** Top-level source: given when the entry is only a (secondary) name. */
  source: z.string().optional(),
  sources: z.array(z.string()).optional(),
  source_type: sourceType.optional(),
  usage_check: sourcedTextSchema.optional(),
  stop_or_limit: z.array(sourcedTextSchema).optional(),
  compensation: z.union([sourcedTextSchema, z.array(sourcedTextSchema)]).optional(),
});

export interface SourcedText {
  ja: string;
  en: string;
  source: string;
  sourceType: SourceType;
}

export interface CarrierBilling {
  nameJa: string | null;
  nameEn: string | null;
  /** Source of the name when the entry gives one (ymobile, uq, povo: secondary). */
  nameSource: { source: string; sourceType: SourceType } | null;
  usageCheck: SourcedText | null;
  stopOrLimit: SourcedText[];
  compensation: SourcedText[];
}

function sourced(t: z.infer<typeof sourcedTextSchema>): SourcedText {
  return { ja: t.ja, en: t.en, source: t.source, sourceType: t.source_type };
}

/** The normalised carrier-billing facts of one reference entry, or null when it has none. */
export function toCarrierBilling(raw: unknown): CarrierBilling | null {
  if (raw === undefined || raw === null) return null;
  const cb = carrierBillingSchema.parse(raw);
  const nameSourceUrl = cb.source ?? cb.sources?.[0];
  const comp =
    cb.compensation === undefined ? [] : Array.isArray(cb.compensation) ? cb.compensation : [cb.compensation];
  return {
    nameJa: cb.service_name_ja ?? null,
    nameEn: cb.service_name_en ?? null,
    nameSource:
      nameSourceUrl !== undefined && cb.source_type !== undefined
        ? { source: nameSourceUrl, sourceType: cb.source_type }
        : null,
    usageCheck: cb.usage_check ? sourced(cb.usage_check) : null,
    stopOrLimit: (cb.stop_or_limit ?? []).map(sourced),
    compensation: comp.map(sourced),
  };
}
