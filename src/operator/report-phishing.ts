/**
 * Reported phishing: a forwarded message is checked and stored with its verdict, keyed for
 * campaign grouping. Operators forward messages from their console; subscribers from the app
 * (reporter `subscriber:<account>`), which also puts the message in their evidence report.
 */
import type { Kysely } from 'kysely';
import { type CheckInput, type CheckResult, checkMessage } from '../checker/index.ts';
import { type Database, type ReportedMessage, saveReportedMessage } from '../db/index.ts';
import type { Lang } from './messages.ts';
import type { ReportBody } from './schemas.ts';

/**
 * Checks a forwarded message and stores it with its verdict: the operator route uses it, and a
 * subscriber-side "report this message" feed can call it with reporter `subscriber:<account>`.
 * The campaign keys are the link domains and phone numbers that are NOT official, so two
 * unrelated smishing texts that both mention the real brand's site are not merged.
 */
export async function reportPhishing(
  db: Kysely<Database>,
  input: { operatorId: string; reporter: string; message: ReportBody; lang: Lang; nowMs: number },
): Promise<{ report: ReportedMessage; result: CheckResult }> {
  const check: CheckInput = { text: input.message.text };
  if (input.message.sender !== undefined) check.sender = input.message.sender;
  if (input.message.subject !== undefined) check.subject = input.message.subject;
  if (input.message.channel !== undefined) check.channel = input.message.channel;
  const result = checkMessage(check, { lang: input.lang });
  const report = await saveReportedMessage(db, {
    operatorId: input.operatorId,
    reporter: input.reporter,
    channel: input.message.channel ?? null,
    sender: input.message.sender ?? null,
    subject: input.message.subject ?? null,
    text: input.message.text,
    verdict: result.verdict,
    score: result.score,
    brand: result.brand,
    domains: [...new Set(result.links.filter((l) => !l.official).map((l) => l.domain.toLowerCase()))],
    phones: [...new Set(result.phones.filter((p) => !p.official).map((p) => p.number))],
    result,
    createdAtMs: input.nowMs,
  });
  return { report, result };
}
