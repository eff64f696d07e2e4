/**
 * Secrets handed to browsers and people: session tokens and recovery codes. Both are random
 * enough (256 and 80 bits) that a fast SHA-256 is the right way to store them (as for API keys):
 * there is nothing to guess, and lookups stay one indexed query.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Cookie holding the session token. */
export const SESSION_COOKIE = 'mamori_session';

/** A new session token: 256 random bits, base64url (43 characters). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Recovery codes per enrolment. */
export const RECOVERY_CODE_COUNT = 10;
/** Crockford base32: no I, L, O, U, so codes read aloud or copied by hand stay unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** One recovery code: 16 base32 characters (80 bits) shown as `XXXX-XXXX-XXXX-XXXX`. */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s.match(/.{4}/g)?.join('-') ?? s;
}

/** What a person types back, normalised: case, spaces, hyphens and look-alikes (O→0, I/L→1) ignored. */
export function normalizeRecoveryCode(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function hashRecoveryCode(input: string): string {
  return sha256Hex(`recovery:${normalizeRecoveryCode(input)}`);
}

/** Reads one cookie from a Cookie header without a cookie plugin (the guards run in any scope). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value.replace(/^"(.*)"$/, '$1'));
    } catch {
      return undefined;
    }
  }
  return undefined;
}
