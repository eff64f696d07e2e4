import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { MamoriError } from '../errors.ts';
import {
  chunkRows,
  countEvents,
  DEFAULT_SQLITE_FILE,
  findDecision,
  loadProfiles,
  openDatabase,
  redactUrl,
  resolveDatabaseTarget,
} from './index.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';
import { PG_TEST_URL, postgresAvailable } from './test-databases.ts';

// Says so when PostgreSQL is not reachable; its test below is then skipped.
const pgAvailable = await postgresAvailable();

const dir = mkdtempSync(join(tmpdir(), 'mamori-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof MamoriError ? error.code : 'not a MamoriError';
  }
  return undefined;
}

describe('resolveDatabaseTarget', () => {
  it('defaults to SQLite under ./data', () => {
    expect(resolveDatabaseTarget({ env: {} })).toEqual({ dialect: 'sqlite', file: DEFAULT_SQLITE_FILE });
    expect(DEFAULT_SQLITE_FILE).toBe('./data/mamori.db');
    expect(resolveDatabaseTarget({ env: { DATABASE_URL: '  ' } }).dialect).toBe('sqlite');
  });

  it('picks PostgreSQL from DATABASE_URL or url, and a file given explicitly wins over the environment', () => {
    const url = 'postgres://mamori:pw@db.internal:5432/mamori';
    expect(resolveDatabaseTarget({ env: { DATABASE_URL: url } })).toEqual({ dialect: 'postgres', url });
    expect(resolveDatabaseTarget({ url: 'postgresql://x@h/d', env: {} }).dialect).toBe('postgres');
    expect(resolveDatabaseTarget({ file: ':memory:', env: { DATABASE_URL: url } })).toEqual({
      dialect: 'sqlite',
      file: ':memory:',
    });
  });

  it('refuses other URLs (without echoing the password) and file+url together', () => {
    expect(codeOf(() => resolveDatabaseTarget({ env: { DATABASE_URL: 'mysql://u:secret@h/d' } }))).toBe(
      'db_url_unsupported',
    );
    let message = '';
    try {
      resolveDatabaseTarget({ env: { DATABASE_URL: 'mysql://u:secret@h/d' } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('mysql://u:***@h/d');
    expect(message).not.toContain('secret');
    expect(codeOf(() => resolveDatabaseTarget({ file: 'a.db', url: 'postgres://h/d' }))).toBe(
      'db_config_conflict',
    );
  });

  it('redacts passwords in printable URLs', () => {
    expect(redactUrl('postgres://mamori:hunter2@db:5432/m')).toBe('postgres://mamori:***@db:5432/m');
    expect(redactUrl('postgres://postgres@127.0.0.1:5432/test')).toBe(
      'postgres://postgres@127.0.0.1:5432/test',
    );
  });
});

describe('openDatabase on SQLite', () => {
  it('creates the folder, and sets WAL, synchronous=NORMAL, foreign keys and a busy timeout', async () => {
    const file = join(dir, 'nested', 'deeper', 'mamori.db');
    const { db, dialect, location, close } = await openDatabase({ file });
    try {
      expect(dialect).toBe('sqlite');
      expect(location).toBe(file);
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5_000);
      expect(await pragma('wal_autocheckpoint')).toBe(10_000);
    } finally {
      await close();
      await close(); // closing twice is harmless
    }
  });

  it('uses synchronous=FULL when asked (survives power loss, slower)', async () => {
    const { db, close } = await openDatabase({ file: join(dir, 'full.db'), synchronous: 'FULL' });
    try {
      expect((await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous).toBe(
        2,
      );
    } finally {
      await close();
    }
  });

  it('leaves the schema alone with migrate: false', async () => {
    const { db, close } = await openDatabase({ file: ':memory:', migrate: false });
    try {
      expect(await db.introspection.getTables()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps what was stored across close and reopen', async () => {
    const file = join(dir, 'reopen.db');
    const first = await openDatabase({ file });
    const event = { id: 'evt_1', type: 'card_view', at: '2026-11-24T10:15:00+09:00', account: 'acc_1' };
    const { storeProcessed } = await import('./index.ts');
    await storeProcessed(first.db, [
      {
        event,
        decision: {
          event: 'evt_1',
          account: 'acc_1',
          decision: 'allow',
          score: 0,
          reasons: [],
          notice: null,
          case: null,
        },
      },
    ]);
    await first.close();
    const again = await openDatabase({ file });
    try {
      expect((await findDecision(again.db, 'default', 'evt_1'))?.decision).toBe('allow');
    } finally {
      await again.close();
    }
  });

  it('keeps every acknowledged batch when the writing process is killed with SIGKILL', async () => {
    const file = join(dir, 'killed.db');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'sigkill-writer.fixture.ts'), file],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let acked = -1;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        for (const m of buffer.matchAll(/ack (\d+)\n/g)) acked = Math.max(acked, Number(m[1]));
        if (acked >= 20) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`writer exited early (${code}): ${stderr}`));
      });
    });
    await new Promise((r) => child.once('close', r));
    const { db, close } = await openDatabase({ file });
    try {
      const stored = await countEvents(db);
      expect(stored % 100).toBe(0); // whole batches only
      expect(stored).toBeGreaterThanOrEqual((acked + 1) * 100);
      for (let batch = 0; batch <= acked; batch++) {
        expect((await findDecision(db, 'default', `evt_${batch}_99`))?.decision).toBe('allow');
      }
      const profiles = await loadProfiles<{ batch: number }>(db, 'default', ['acc_0']);
      expect(profiles.get('acc_0')?.data.batch).toBeGreaterThanOrEqual(acked);
    } finally {
      await close();
    }
  }, 60_000);
});

describe('openDatabase on PostgreSQL', () => {
  it('refuses a schema name that is not a plain identifier, before connecting', async () => {
    await expect(
      openDatabase({ url: 'postgres://nobody@127.0.0.1:1/x', schema: 'x; drop table events' }),
    ).rejects.toMatchObject({
      code: 'db_schema_invalid',
    });
  });

  it.skipIf(!pgAvailable)('connects through DATABASE_URL into its own schema', async () => {
    const schema = `mamori_test_connect_${process.pid}`;
    const { db, dialect, location, close } = await openDatabase({
      env: { DATABASE_URL: PG_TEST_URL },
      schema,
    });
    try {
      expect(dialect).toBe('postgres');
      expect(location).toContain(`schema ${schema}`);
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
      expect(rows[0]?.s).toBe(schema);
      expect(await countEvents(db)).toBe(0);
    } finally {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
      await close();
    }
  });
});

describe('chunkRows', () => {
  it("stays under SQLite's 32766 and PostgreSQL's 65535 bound parameters", () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => i);
    for (const [columns, dialect] of [
      [8, 'sqlite'],
      [100, 'sqlite'],
      [100, 'postgres'],
      [40_000, 'postgres'],
    ] as const) {
      const chunks = chunkRows(rows, columns, dialect);
      expect(chunks.flat()).toEqual(rows);
      const limit = dialect === 'sqlite' ? 32_766 : 65_535;
      for (const chunk of chunks) expect(chunk.length === 1 || chunk.length * columns <= limit).toBe(true);
    }
    expect(chunkRows(rows, 8, 'sqlite')[0]).toHaveLength(1_000);
    expect(chunkRows(rows, 100, 'sqlite')[0]).toHaveLength(320);
    expect(chunkRows([], 8, 'sqlite')).toEqual([]);
  });
});

describe('withStatementCache', () => {
  it('prepares each SQL text once and forgets the least recently used past its capacity', () => {
    const prepared: string[] = [];
    let closed = false;
    const fake = {
      prepare: (text: string) => {
        prepared.push(text);
        return {
          reader: false,
          all: () => [],
          run: () => ({ changes: 0, lastInsertRowid: 0 }),
          iterate: () => [][Symbol.iterator](),
        };
      },
      close: () => {
        closed = true;
      },
    };
    const cached = withStatementCache(fake, 2);
    const a = cached.prepare('a');
    expect(cached.prepare('a')).toBe(a);
    cached.prepare('b');
    cached.prepare('a'); // a is now the most recent
    cached.prepare('c'); // evicts b
    cached.prepare('a');
    cached.prepare('b');
    expect(prepared).toEqual(['a', 'b', 'c', 'b']);
    cached.close();
    expect(closed).toBe(true);
  });
});
