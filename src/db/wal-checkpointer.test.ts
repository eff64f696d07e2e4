/**
 * Background checkpoints: the committing connection never checkpoints (so a commit never waits
 * for the database file's fsync), and the checkpointer thread moves committed pages from the WAL
 * into the database file on its own.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connect.ts';

const dir = mkdtempSync(join(tmpdir(), 'mamori-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeAboutTwoMegabytes(file: string, options: Parameters<typeof openDatabase>[0]) {
  const opened = await openDatabase({ file, ...options });
  const setting = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(opened.db);
  const before = statSync(file).size;
  const payload = '受付'.repeat(500);
  for (let batch = 0; batch < 20; batch++) {
    await opened.db.transaction().execute(async (trx) => {
      for (let n = 0; n < 50; n++) {
        await trx
          .insertInto('engine_state')
          .values({ key: `k${batch}-${n}`, data: JSON.stringify({ payload }) })
          .execute();
      }
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const after = statSync(file).size;
  await opened.close();
  return { autocheckpoint: setting.rows[0]?.wal_autocheckpoint, grewBy: after - before };
}

describe('background WAL checkpoints', () => {
  it('never checkpoint in a commit, and the thread moves pages into the database file', async () => {
    const result = await writeAboutTwoMegabytes(join(dir, 'background.db'), { backgroundCheckpoints: true });
    expect(result.autocheckpoint).toBe(0);
    expect(result.grewBy).toBeGreaterThan(1_000_000);
  });

  it('without the thread and without automatic checkpoints, the pages stay in the WAL', async () => {
    const result = await writeAboutTwoMegabytes(join(dir, 'none.db'), { walAutocheckpointPages: 0 });
    expect(result.autocheckpoint).toBe(0);
    expect(result.grewBy).toBeLessThan(100_000);
  });
});
