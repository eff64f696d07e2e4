/**
 * The audit trail on every database (SQLite always, PostgreSQL when 127.0.0.1:5432 answers): the
 * chain survives concurrent appends, and tampering done directly with SQL is caught and named.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAllAuditRows, type OpenedDatabase, openDatabase } from '../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../db/test-databases.ts';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from './index.ts';

const pgAvailable = await postgresAvailable();

async function seed(opened: OpenedDatabase, n: number) {
  for (let i = 1; i <= n; i++) {
    await appendAudit(opened.db, {
      actor: i % 2 ? 'subscriber:acc_7' : 'operator:alice',
      action: i % 2 ? 'auth.sign_in' : 'account.lock',
      subject: 'acc_7',
      data: { n: i, note: `記録 ${i}` },
      atMs: 1_790_000_000_000 + i * 1000,
    });
  }
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`audit log on ${dialect}`, () => {
    let opened: OpenedDatabase;
    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
    });
    afterAll(async () => {
      await opened?.close();
    });
    const reset = async () => {
      await sql`delete from audit_log`.execute(opened.db);
    };

    it('appends a chain that verifies', async () => {
      await reset();
      await seed(opened, 5);
      const rows = await listAllAuditRows(opened.db);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
      expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
      const result = await verifyAuditChain(opened.db);
      expect(result).toMatchObject({ ok: true, checked: 5, problems: [] });
      expect(result.head).toEqual({ seq: 5, hash: rows[4]?.hash });
    });

    it('keeps the chain under concurrent appends', async () => {
      await reset();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          appendAudit(opened.db, {
            actor: 'cli',
            action: 'test.concurrent',
            subject: 's',
            data: { i },
            atMs: i,
          }),
        ),
      );
      const result = await verifyAuditChain(opened.db);
      expect(result).toMatchObject({ ok: true, checked: 40 });
    });

    it('catches a row whose data was changed with SQL, naming its seq', async () => {
      await reset();
      await seed(opened, 5);
      await sql`update audit_log set data = ${'{"n":3,"note":"書き換え"}'} where seq = 3`.execute(opened.db);
      const result = await verifyAuditChain(opened.db);
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'changed' })]);
    });

    it('catches a changed row whose hash was recomputed too (the next entry no longer links)', async () => {
      await reset();
      await seed(opened, 5);
      await sql`update audit_log set actor = 'operator:mallory', hash = ${'f'.repeat(64)} where seq = 2`.execute(
        opened.db,
      );
      const result = await verifyAuditChain(opened.db);
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => [p.seq, p.kind])).toContainEqual([2, 'changed']);
    });

    it('catches a removed middle row', async () => {
      await reset();
      await seed(opened, 5);
      await sql`delete from audit_log where seq = 3`.execute(opened.db);
      const result = await verifyAuditChain(opened.db);
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'removed' })]);
    });

    it('catches two rows whose contents were swapped', async () => {
      await reset();
      await seed(opened, 5);
      const rows = await listAllAuditRows(opened.db);
      const [a, b] = [rows[1], rows[3]];
      if (!a || !b) throw new Error('seed failed');
      for (const [target, from] of [
        [a.seq, b],
        [b.seq, a],
      ] as const) {
        await opened.db
          .updateTable('audit_log')
          .set({
            at_ms: from.at_ms,
            actor: from.actor,
            action: from.action,
            subject: from.subject,
            data: from.data,
            prev_hash: from.prev_hash,
            hash: from.hash,
          })
          .where('seq', '=', target)
          .execute();
      }
      const result = await verifyAuditChain(opened.db);
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => [p.seq, p.kind])).toEqual([
        [2, 'reordered'],
        [4, 'reordered'],
      ]);
      expect(result.problems[0]?.message).toContain('#4');
    });

    it('catches the last entries cut off when given the head recorded earlier', async () => {
      await reset();
      await seed(opened, 5);
      const before = await verifyAuditChain(opened.db);
      await sql`delete from audit_log where seq >= 4`.execute(opened.db);
      expect((await verifyAuditChain(opened.db)).ok).toBe(true); // a chain alone cannot tell
      const anchored = await verifyAuditChain(opened.db, { expectHead: before.head });
      expect(anchored.problems).toEqual([expect.objectContaining({ seq: 5, kind: 'removed' })]);
    });
  });
}

describe('audit log on one SQLite file written by several processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never links two entries to the same predecessor', async () => {
    const file = join(dir, 'audit.db');
    await (await openDatabase({ file })).close(); // migrate once, before the writers start
    const fixture = join(import.meta.dirname, 'audit-writer.fixture.ts');
    const codes = await Promise.all(
      ['a', 'b', 'c'].map(
        (name) =>
          new Promise<number | null>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', fixture, file, '40', name], {
              stdio: ['ignore', 'ignore', 'inherit'],
            });
            child.once('error', reject);
            child.once('exit', resolve);
          }),
      ),
    );
    expect(codes).toEqual([0, 0, 0]);
    const opened = await openDatabase({ file });
    try {
      const result = await verifyAuditChain(opened.db);
      expect(result).toMatchObject({ ok: true, checked: 120 });
    } finally {
      await opened.close();
    }
  });
});
