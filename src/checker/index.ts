/**
 * Public surface of the message checker (../shared/contracts/checker.md).
 * PLACEHOLDER while the analysis modules are written; replaced in the checker commit.
 */
import type { CheckInput, CheckOptions, CheckResult } from './types.ts';

export type * from './types.ts';

/** Checks one message. Pure: no I/O, no clock. */
export function checkMessage(input: CheckInput, _options: CheckOptions = {}): CheckResult {
  return { verdict: 'suspicious', score: 50, brand: null, reasons: [], links: [], phones: [], advice: [] } satisfies CheckResult && (void input, { verdict: 'suspicious', score: 50, brand: null, reasons: [{ code: 'placeholder', severity: 'info', message: 'placeholder', evidence: '' }], links: [], phones: [], advice: [] });
}

/** Parses a raw RFC 5322 message into checker input (headers, text, html, attachments). */
export async function parseEmail(_raw: Uint8Array | string): Promise<CheckInput> {
  throw new Error('not implemented yet');
}
