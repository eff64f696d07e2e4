import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../audit/index.ts';
import { openDatabase } from '../../db/index.ts';
import { InputError } from '../../errors.ts';
import type { CliIo } from '../io.ts';
import { runAuditVerify } from './audit.ts';

/** An in-memory CliIo: nothing is spawned. */
function memoryIo(env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env, now: () => 0 };
  return { io, out: () => out, err: () => err };
}

describe('mamori audit verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-audit-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 for an intact log and 1 naming the tampered entry', async () => {
    const file = join(dir, 'm.db');
    const opened = await openDatabase({ file });
    for (let i = 1; i <= 4; i++)
      await appendAudit(opened.db, { actor: 'cli', action: 'test', subject: 'acc_7', data: { i }, atMs: i });
    await opened.close();

    const ok = memoryIo();
    expect(await runAuditVerify({ db: file }, ok.io)).toBe(0);
    expect(ok.out()).toMatch(/^audit log intact: 4 entries checked, head #4 [0-9a-f]{64}\n$/);

    const tamper = await openDatabase({ file });
    await sql`delete from audit_log where seq = 2`.execute(tamper.db);
    await tamper.close();
    const bad = memoryIo();
    expect(await runAuditVerify({ db: file }, bad.io)).toBe(1);
    expect(bad.out()).toContain('#2\tremoved\tentry #2 was removed');
    expect(bad.out()).toContain('audit log NOT intact: 1 problem(s) in 3 entries');

    const json = memoryIo();
    expect(await runAuditVerify({ db: file, json: true }, json.io)).toBe(1);
    expect(JSON.parse(json.out())).toMatchObject({
      ok: false,
      checked: 3,
      problems: [{ seq: 2, kind: 'removed' }],
    });
  });

  it('says so for an empty log', async () => {
    const m = memoryIo();
    expect(await runAuditVerify({ db: join(dir, 'empty.db') }, m.io)).toBe(0);
    expect(m.out()).toContain('audit log is empty');
  });

  it('refuses unknown options as a usage error (exit 2)', async () => {
    await expect(runAuditVerify({ db: 'x', bogus: 1 } as never, memoryIo().io)).rejects.toBeInstanceOf(
      InputError,
    );
  });
});
