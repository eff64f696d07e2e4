/**
 * Wire shapes of the accounts API, defined once (style.md §5, §10): the routes parse every body
 * with these, and the web app imports the same schemas for its forms (web/src/form-errors.ts).
 * So this file imports nothing but zod: whatever it pulls in reaches the browser bundle.
 */
import { z } from 'zod';

/** Longest password accepted; long inputs make the strength check slow and hashing costlier. */
export const MAX_PASSWORD_LENGTH = 256;

/** NFKC (full-width ａ → a), trimmed, lower-case: one spelling per address. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export const emailSchema = z.string().max(254).transform(normalizeEmail).pipe(z.email());

export const passwordSchema = z.string().min(1).max(MAX_PASSWORD_LENGTH);

export const signUpBodySchema = z.object({ email: emailSchema, password: passwordSchema }).strict();
export type SignUpBody = z.infer<typeof signUpBodySchema>;

export const signInBodySchema = z.object({ email: emailSchema, password: passwordSchema }).strict();
export type SignInBody = z.infer<typeof signInBodySchema>;

export const passwordStrengthBodySchema = z
  .object({ password: passwordSchema, email: z.string().max(254).optional() })
  .strict();
export type PasswordStrengthBody = z.infer<typeof passwordStrengthBodySchema>;

/** A 6-digit TOTP code; spaces (as apps show "123 456") are dropped. */
export const totpCodeSchema = z
  .string()
  .transform((s) => s.normalize('NFKC').replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/));

export const totpCodeBodySchema = z.object({ code: totpCodeSchema }).strict();
export type TotpCodeBody = z.infer<typeof totpCodeBodySchema>;

/** Second sign-in step: a TOTP code or one recovery code. */
export const secondFactorBodySchema = z.union([
  z.object({ code: totpCodeSchema }).strict(),
  z.object({ recoveryCode: z.string().min(1).max(64) }).strict(),
]);
export type SecondFactorBody = z.infer<typeof secondFactorBodySchema>;

export const sessionIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const passkeyIdParamsSchema = z.object({ id: z.string().min(1).max(1024) });

const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*={0,2}$/);

/** RegistrationResponseJSON from @simplewebauthn/browser's startRegistration(). */
export const registrationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

/** The name a person gives a passkey (「iPhone」, 「仕事のPC」); the server names it when absent. */
export const passkeyNameSchema = z.string().trim().min(1).max(64);

export const passkeyRegistrationBodySchema = z
  .object({ response: registrationResponseSchema, name: passkeyNameSchema.optional() })
  .strict();
export type PasskeyRegistrationBody = z.infer<typeof passkeyRegistrationBodySchema>;

/** AuthenticationResponseJSON from @simplewebauthn/browser's startAuthentication(). */
export const authenticationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const passkeyAuthenticationBodySchema = z.object({ response: authenticationResponseSchema }).strict();
export type PasskeyAuthenticationBody = z.infer<typeof passkeyAuthenticationBodySchema>;

/**
 * A step-up proof (issue 5: "unlocking needs step-up (passkey or TOTP)"): a current TOTP code, or
 * a passkey assertion made for a challenge the server issued to this signed-in user.
 */
export const stepUpBodySchema = z.union([totpCodeBodySchema, passkeyAuthenticationBodySchema]);
export type StepUpBody = z.infer<typeof stepUpBodySchema>;

// ---- Responses (what the server sends; for a typed client) -----------------------------------

export interface PublicUser {
  id: string;
  email: string;
  role: 'subscriber' | 'operator';
  /** The engine account this subscriber is linked to; null for operators. */
  account: string | null;
  createdAt: string;
  passwordChangedAt: string;
  totpEnabled: boolean;
}

export type SignInResult =
  | { status: 'signed_in'; user: PublicUser }
  | { status: 'second_factor_required'; methods: Array<'totp' | 'recovery_code'> };

export interface SessionView {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
}

export interface PasskeyView {
  id: string;
  name: string;
  deviceType: string;
  backedUp: boolean;
  transports: string[];
  createdAt: string;
  lastUsedAt: string | null;
}
