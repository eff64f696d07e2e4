/**
 * Test support (not exported from index.ts): the accounts tests' browser-like client, and TOTP
 * helpers for enrolment and step-up.
 */
import { totpCode } from '../accounts/index.ts';
import {
  STRONG_PASSWORD,
  TEST_COOKIE_SECRET,
  TEST_ORIGIN,
  TEST_RP_ID,
  TestClient,
} from '../accounts/test-support.ts';

export { STRONG_PASSWORD, TEST_COOKIE_SECRET, TEST_ORIGIN, TEST_RP_ID, TestClient };

/** The TOTP code for `secret` at `nowMs`. */
export function totpCodeFor(secret: string, nowMs: number): Promise<string> {
  return totpCode(secret, nowMs);
}

/** Turns TOTP on for the signed-in client; returns the secret. */
export async function enrolTotp(client: TestClient, nowMs: number): Promise<string> {
  const setup = await client.post('/api/account/totp/setup');
  const { secret } = setup.json() as { secret: string };
  const confirm = await client.post('/api/account/totp/confirm', { code: await totpCode(secret, nowMs) });
  if (confirm.statusCode !== 200) throw new Error(`TOTP confirm failed: ${confirm.body}`);
  return secret;
}
