/**
 * Background checkpoints: the committing connection never checkpoints (so a commit never waits
 * for the database file's fsync), and the checkpointer thread moves committed pages from the WAL
 * into the database file on its own.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
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

/**
 * Commits back to back for `ms` (as a busy server does, yielding to the event loop between them)
 * and returns the WAL file's largest size seen, and how much was written in all.
 */
async function commitWithoutPause(file: string, walRestartBytes: number, ms: number) {
  const opened = await openDatabase({
    file,
    backgroundCheckpoints: true,
    walRestartBytes,
    walCheckpointIntervalMs: 50,
  });
  const payload = JSON.stringify({ note: '外部からのアクセスを検知'.repeat(150) });
  let largestWal = 0;
  let written = 0;
  const end = Date.now() + ms;
  for (let n = 0; Date.now() < end; n++) {
    await opened.db
      .insertInto('engine_state')
      .values({ key: `k${n}`, data: payload })
      .execute();
    written += payload.length;
    if (n % 20 === 0 && existsSync(`${file}-wal`))
      largestWal = Math.max(largestWal, statSync(`${file}-wal`).size);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await opened.close();
  return { largestWal, written };
}

describe('a WAL under commits that never pause', () => {
  it('is started over once past the limit, instead of growing with everything written', async () => {
    const bounded = await commitWithoutPause(join(dir, 'restart.db'), 256 * 1024, 2_000);
    const unbounded = await commitWithoutPause(join(dir, 'grows.db'), 2 ** 40, 2_000);
    // Never restarted, the WAL holds every page written (several per row).
    expect(unbounded.largestWal).toBeGreaterThan(unbounded.written);
    // Restarted, it holds what is committed between two checkpoints (every 50 ms here).
    expect(bounded.written).toBeGreaterThan(4 * 1024 * 1024);
    expect(bounded.largestWal).toBeLessThan(unbounded.largestWal / 4);
  });
});
