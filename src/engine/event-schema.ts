/**
 * The account event, exactly as ../shared/contracts/events.md "Event" defines it. This schema is
 * the one parser for events from HTTP, NDJSON files and the simulator.
 */
import { z } from 'zod';

const id128 = z.string().min(1).max(128);

/** ISO 8601 with an explicit offset (Z or ±hh:mm), e.g. 2026-11-24T10:15:00+09:00. */
export const isoWithOffset = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be ISO 8601 with an offset, e.g. 2026-11-24T10:15:00+09:00',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date and time');

export const deviceSchema = z.object({
  id: z.string().min(1).max(256),
  platform: z.enum(['ios', 'android', 'pc', 'feature_phone', 'other']).optional(),
  ua: z.string().max(1024).optional(),
});

export const networkSchema = z.object({
  ip: z.string().min(1).max(64),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as JP')
    .optional(),
  asn: z.number().int().nonnegative().max(4_294_967_295).optional(),
  kind: z.enum(['mobile', 'fixed', 'hosting', 'vpn', 'tor', 'unknown']).optional(),
});

export const labelSchema = z.looseObject({
  fraud: z.boolean().optional(),
  scenario: z.string().max(128).optional(),
});

const common = {
  id: id128,
  at: isoWithOffset,
  account: id128,
  device: deviceSchema.optional(),
  network: networkSchema.optional(),
  /** Ground truth for evaluation only; never used for scoring. */
  label: labelSchema.optional(),
};

/** Yen amounts: positive integers, capped far above any real carrier-billing charge. */
const yen = z.number().int().positive().max(100_000_000);

export const merchantCategorySchema = z.enum([
  'digital_content',
  'game',
  'app_store',
  'gift_card',
  'e_money',
  'ecommerce',
  'subscription',
  'ticket',
  'other',
]);

export const eventSchema = z.discriminatedUnion('type', [
  z.object({
    ...common,
    type: z.literal('login'),
    result: z.enum(['success', 'failure']),
    method: z.enum(['password', 'passkey', 'totp', 'sms_otp', 'network_pin']),
    failure_reason: z.string().max(256).optional(),
  }),
  z.object({ ...common, type: z.literal('password_change'), via: z.enum(['settings', 'reset']) }),
  z.object({
    ...common,
    type: z.literal('mfa_change'),
    action: z.enum(['enabled', 'disabled', 'reset']),
    method: z.string().min(1).max(64),
  }),
  z.object({ ...common, type: z.literal('contact_change'), field: z.enum(['email', 'phone', 'address']) }),
  z.object({
    ...common,
    type: z.literal('sim_reissue'),
    kind: z.enum(['esim', 'physical']),
    channel: z.enum(['shop', 'online', 'phone']),
  }),
  z.object({ ...common, type: z.literal('card_view') }),
  z.object({
    ...common,
    type: z.literal('card_change'),
    action: z.enum(['add', 'replace', 'remove']),
    card: z.object({
      bin: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
      last4: z.string().regex(/^\d{4}$/, 'must be 4 digits'),
      issuer: z.string().max(128).optional(),
      country: z.string().max(8).optional(),
    }),
  }),
  z.object({
    ...common,
    type: z.literal('card_verification'),
    result: z.enum(['success', 'failure']),
    method: z.enum(['cvv', '3ds', 'pin']),
  }),
  z.object({
    ...common,
    type: z.literal('charge'),
    amount: yen,
    merchant: z.object({
      id: z.string().min(1).max(128),
      name: z.string().max(256).optional(),
      category: merchantCategorySchema,
    }),
    funding: z.enum(['phone_bill', 'registered_card']),
  }),
  z.object({
    ...common,
    type: z.literal('limit_change'),
    monthly_limit: z.number().int().nonnegative().max(100_000_000),
  }),
  z.object({
    ...common,
    type: z.literal('subscriber_report'),
    kind: z.enum(['not_me', 'phishing_message', 'lost_phone']),
    ref: z.string().max(128).optional(),
  }),
]);

export type AccountEvent = z.infer<typeof eventSchema>;
export type EventType = AccountEvent['type'];
export type EventOf<T extends EventType> = Extract<AccountEvent, { type: T }>;
export type MerchantCategory = z.infer<typeof merchantCategorySchema>;

export const EVENT_TYPES = eventSchema.options.map((o) => o.shape.type.value) as EventType[];

/** Decision values, ../shared/contracts/events.md "Decision". */
export type DecisionAction = 'allow' | 'challenge' | 'hold' | 'lock';

export interface DecisionReason {
  rule: string;
  points: number;
  message: string;
}

/** The decision object returned for every event (contract shape; extra fields allowed). */
export interface Decision {
  event: string;
  account: string;
  decision: DecisionAction;
  score: number;
  reasons: DecisionReason[];
  notice: string | null;
  case: string | null;
}

/** What stands in place of a decision when an event cannot be read. */
export interface EventError {
  event: string | null;
  error: { code: string; message: string };
}
