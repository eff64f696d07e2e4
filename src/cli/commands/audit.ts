/**
 * mamori audit verify [--db FILE] [--json] (issue 6 "Audit trail"): checks the hash chain of the
 * audit log and names every changed, removed, reordered or inserted entry.
 * Exit 0 intact, 1 problems found, 2 usage error.
 */
import { z } from 'zod';
import { verifyAuditChain } from '../../audit/index.ts';
import { type CliIo, writeAll } from '../io.ts';
import { openCliDatabase, parseOptions } from '../options.ts';

export const auditVerifyOptionsSchema = z.strictObject({
  db: z.string().min(1).optional(),
  json: z.boolean().default(false),
});
export type AuditVerifyOptions = z.input<typeof auditVerifyOptionsSchema>;

/** Runs `mamori audit verify`; returns the exit code. */
export async function runAuditVerify(raw: AuditVerifyOptions, io: CliIo): Promise<number> {
  const opts = parseOptions(auditVerifyOptionsSchema, raw);
  const opened = await openCliDatabase(io, opts.db);
  try {
    const result = await verifyAuditChain(opened.db);
    if (opts.json) {
      await writeAll(io.stdout, `${JSON.stringify(result)}\n`);
    } else if (result.ok) {
      await writeAll(
        io.stdout,
        result.head === null
          ? `audit log is empty (${opened.location})\n`
          : `audit log intact: ${result.checked} entries checked, head #${result.head.seq} ${result.head.hash}\n`,
      );
    } else {
      const lines = result.problems.map((p) => `#${p.seq}\t${p.kind}\t${p.message}\n`).join('');
      await writeAll(
        io.stdout,
        `${lines}audit log NOT intact: ${result.problems.length} problem(s) in ${result.checked} entries\n`,
      );
    }
    return result.ok ? 0 : 1;
  } finally {
    await opened.close();
  }
}
