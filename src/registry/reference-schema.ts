/**
 * Schema of the reference file (../shared/reference/official-contacts.json) and of operator
 * override files, which use the same shape. Loose on purpose: the reference carries many
 * descriptive fields; only those Mamori reads are typed here, the rest pass through.
 */
import { z } from 'zod';
import { carrierBillingSchema } from './carrier-billing.ts';

export const sourceTypeSchema = z.enum(['official', 'partner_official', 'news', 'secondary', 'operator']);

const sourced = { source: z.string().min(1), source_type: sourceTypeSchema };

const textFactSchema = z.looseObject({ ja: z.string(), en: z.string(), ...sourced });

export const phoneSchema = z.looseObject({
  purpose: z.string().min(1),
  number: z.string().regex(/^[#+]?[0-9][0-9-]*$/, 'must be digits, optionally with hyphens, # or +'),
  hours: z.string().optional(),
  note: z.string().optional(),
  ...sourced,
});

/** sms_sender_ids lists its ids under several keys (names, numbers, non_softbank, …). */
const smsSenderSchema = z.looseObject({
  spoofed_display_names_seen: z.array(z.string()).optional(),
  ...sourced,
});

const hostName = z
  .string()
  .min(3)
  .regex(/^[a-z0-9.-]+(\/.*)?$/, 'must be a lower-case host name such as example.co.jp');

export const organizationSchema = z.looseObject({
  id: z.string().regex(/^[a-z0-9_]+$/, 'must be snake_case letters and digits'),
  name_ja: z.string().min(1),
  name_en: z.string().min(1),
  kind: z.enum(['carrier', 'card_issuer', 'payment', 'ecommerce', 'delivery', 'bank', 'public']),
  parent: z.string().optional(),
  official_domains: z.array(hostName).optional(),
  official_hosts_seen: z.array(hostName).optional(),
  official_shorteners: z.array(hostName).optional(),
  domain_sources: z
    .array(z.looseObject({ domain: hostName, shortener: z.boolean().optional(), ...sourced }))
    .optional(),
  sms_sender_ids: smsSenderSchema.optional(),
  email_sender_domains: z.looseObject({ domains: z.array(hostName), ...sourced }).optional(),
  email_sender_addresses: z
    .looseObject({ addresses: z.array(z.string().includes('@')), ...sourced })
    .optional(),
  phones: z.array(phoneSchema).optional(),
  apps: z.array(z.string()).optional(),
  self_service: z.string().optional(),
  message_box: z.string().optional(),
  stop_procedures: z.array(textFactSchema).optional(),
  compensation: z.union([textFactSchema, z.array(textFactSchema)]).optional(),
  phishing_notes: z.array(textFactSchema).optional(),
  report: z
    .looseObject({ email: z.string().optional(), web_form: z.string().optional(), ...sourced })
    .optional(),
  carrier_billing: carrierBillingSchema.optional(),
  sources: z.array(z.string()).optional(),
});

export const referenceFileSchema = z.looseObject({
  organizations: z.array(organizationSchema),
});

/**
 * An operator's override file: entries with a known id extend/replace that brand's facts, new ids
 * add brands. Facts without a source_type are the operator's own (`operator`).
 * Extra project fields (aliases, domain_keywords, homepage, portal, group) may be given too.
 */
export const overrideOrganizationSchema = organizationSchema.partial().extend({
  id: organizationSchema.shape.id,
  aliases: z.array(z.string().min(1)).optional(),
  domain_keywords: z.array(z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case ASCII')).optional(),
  homepage: z.url().optional(),
  portal: z.string().optional(),
  group: z.string().optional(),
});

export const overrideFileSchema = z.object({
  organizations: z.array(overrideOrganizationSchema),
});

export type Organization = z.infer<typeof organizationSchema>;
export type OverrideOrganization = z.infer<typeof overrideOrganizationSchema>;

export const brandProfileSchema = z.object({
  group: z.string(),
  aliases: z.array(z.string()),
  domain_keywords: z.array(z.string()),
  homepage: z.string().nullable(),
  portal: z.string().nullable(),
});
export const brandProfilesFileSchema = z.object({ brands: z.record(z.string(), brandProfileSchema) });
export type BrandProfile = z.infer<typeof brandProfileSchema>;
