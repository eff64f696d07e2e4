/**
 * Webhook signatures: HMAC-SHA256 over `${timestamp}.${body}` with the webhook's secret, sent as
 * `Mamori-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is inside the MAC so a captured
 * request cannot be replayed later; receivers should refuse old timestamps (e.g. > 5 minutes).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'mamori-signature';

export function signPayload(secret: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
  return `t=${timestampSec},v1=${mac}`;
}

/** For receivers (and tests): true when the header is a valid, fresh signature of body. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSec: number,
  toleranceSec = 300,
): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = Buffer.from(signPayload(secret, t, body).split('v1=')[1] ?? '', 'hex');
  const given = Buffer.from(m[2] ?? '', 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
