/**
 * Settings of the accounts plugin: parsed once with zod, defaults filled, frozen. Problems are
 * reported together as `path: message` in one ConfigError (style.md §5).
 */
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { DEFAULT_ARGON2 } from './password.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const accountsSettingsSchema = z.object({
  /** Signs the CSRF secret cookie (@fastify/cookie `secret`); at least 32 characters. */
  cookieSecret: z.string().min(32, 'must be at least 32 characters'),
  /** Mark cookies `Secure` (set it whenever the site is served over HTTPS). */
  secure: z.boolean().default(false),
  /** Operator (tenant) of users created by sign-up. */
  operatorId: z.string().min(1).default('default'),
  /** Issuer shown by authenticator apps. */
  totpIssuer: z.string().min(1).default('Mamori'),
  /** Absolute session lifetime. */
  sessionTtlMs: z
    .number()
    .int()
    .positive()
    .default(30 * DAY),
  /** A session unused this long ends (sliding; capped by sessionTtlMs). */
  sessionIdleMs: z
    .number()
    .int()
    .positive()
    .default(7 * DAY),
  /** How long a password-accepted sign-in waits for its TOTP or recovery code. */
  secondFactorTtlMs: z
    .number()
    .int()
    .positive()
    .default(5 * MINUTE),
  /** Per-account lockout: `maxFailures` failures within `windowMs` lock sign-in for `lockMs`. */
  lockout: z
    .object({
      maxFailures: z.number().int().positive().default(5),
      windowMs: z
        .number()
        .int()
        .positive()
        .default(15 * MINUTE),
      lockMs: z
        .number()
        .int()
        .positive()
        .default(15 * MINUTE),
    })
    .prefault({}),
  /** Per-IP limit on each sign-in / sign-up route (requests per window). */
  ipRateLimit: z
    .object({
      max: z.number().int().positive().default(20),
      timeWindowMs: z.number().int().positive().default(MINUTE),
    })
    .prefault({}),
  /** argon2id cost; tests may lower it. */
  argon2: z
    .object({
      memoryCost: z.number().int().min(1024).default(DEFAULT_ARGON2.memoryCost),
      timeCost: z.number().int().min(1).default(DEFAULT_ARGON2.timeCost),
      parallelism: z.number().int().min(1).max(16).default(DEFAULT_ARGON2.parallelism),
    })
    .prefault({}),
  /** WebAuthn relying party; without it the passkey routes are not registered. */
  webauthn: z
    .object({
      /** The site's registrable domain or host, e.g. `mamori.example.jp` (`localhost` in development). */
      rpID: z.string().min(1),
      rpName: z.string().min(1).default('Mamori'),
      /** Expected origin(s) of the page, e.g. `https://mamori.example.jp`. */
      origin: z.union([z.url(), z.array(z.url()).min(1)]),
      /** How long a registration/sign-in ceremony may take. */
      challengeTtlMs: z
        .number()
        .int()
        .positive()
        .default(5 * MINUTE),
    })
    .optional(),
});

export type AccountsSettingsInput = z.input<typeof accountsSettingsSchema>;
export type AccountsSettings = Readonly<z.output<typeof accountsSettingsSchema>>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Parses the plugin's settings (unknown keys such as `db` are ignored) or throws one ConfigError. */
export function parseAccountsSettings(input: unknown): AccountsSettings {
  const result = accountsSettingsSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
    throw new ConfigError('accounts_config_invalid', `accounts plugin options: ${problems.join('; ')}`);
  }
  return deepFreeze(result.data);
}
