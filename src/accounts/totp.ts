/**
 * TOTP (RFC 6238, SHA-1, 6 digits, 30 s) with otplib 13. Replay protection is by time step:
 * the repository's claimTotpStep accepts a step only when it is later than the last one used.
 */
import { generate, generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD_S = 30;
/** Accept the previous and next 30 s window too, for clock drift and typing time. */
const EPOCH_TOLERANCE_S = 30;

/** A new base32 secret (160 bits, RFC 4226 §4's recommended length). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://totp/…` URI an authenticator app scans (as a QR code drawn by the client). */
export function totpUri(options: { issuer: string; label: string; secret: string }): string {
  return generateURI({ issuer: options.issuer, label: options.label, secret: options.secret });
}

/** The code for `secret` at `nowMs` (tests and the demo use it). */
export function totpCode(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) });
}

/**
 * The RFC 6238 time step the code belongs to, or null when it matches none in the window.
 * The caller must still claim the step (replay check).
 */
export async function matchTotp(secret: string, code: string, nowMs: number): Promise<number | null> {
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(nowMs / 1000),
      epochTolerance: EPOCH_TOLERANCE_S,
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}
