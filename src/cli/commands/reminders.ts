/**
 * mamori reminders send [--month YYYY-MM] — puts the month's two reminders (review your
 * statement; redo the security checkup) in every subscriber's message box. Safe to run again:
 * an account that already has a month's reminder does not get it twice. Meant for a monthly
 * scheduler (cron) on the operator's side.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { insertOncePerAccount, listUsers } from '../../db/index.ts';
import { newNoticeReference, REMINDER_KINDS, reminderText } from '../../notices/index.ts';
import type { CliIo } from '../io.ts';
import { openCliDatabase, parseOptions } from '../options.ts';

export const remindersOptionsSchema = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM, e.g. 2026-12')
    .optional(),
  operator: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/, 'letters, digits, _ and -')
    .default('default'),
  lang: z.enum(['ja', 'en']).default('ja'),
  db: z.string().min(1).optional(),
});

/** The current month in Japan time. */
function japanMonth(nowMs: number): string {
  return new Date(nowMs + 9 * 3_600_000).toISOString().slice(0, 7);
}

export async function runSend(raw: unknown, io: CliIo, nowMs = Date.now()): Promise<number> {
  const opts = parseOptions(remindersOptionsSchema, raw);
  const month = opts.month ?? japanMonth(nowMs);
  const opened = await openCliDatabase(io, opts.db);
  try {
    const users = await listUsers(opened.db, { operatorId: opts.operator, role: 'subscriber' });
    const accounts = [...new Set(users.map((u) => u.account).filter((a): a is string => Boolean(a)))];
    const rows = accounts.flatMap((account) =>
      REMINDER_KINDS.map((kind) => {
        const ref = newNoticeReference((n) => randomBytes(n));
        const text = reminderText(kind, month, opts.lang, ref);
        return {
          ref,
          operator_id: opts.operator,
          account,
          kind: `reminder.${kind}`,
          title: text.title,
          body: text.body,
          lang: opts.lang,
          event_id: `reminder:${kind}:${month}`,
          created_at_ms: nowMs,
          read_at_ms: null,
        };
      }),
    );
    const sent = await insertOncePerAccount(opened.db, rows);
    io.stderr.write(
      `${month}: ${sent} reminder(s) put in the message boxes of ${accounts.length} subscriber account(s)${sent < rows.length ? ` (${rows.length - sent} already sent)` : ''}\n`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}
