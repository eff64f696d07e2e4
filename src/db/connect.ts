import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../errors.ts';
import type { Database } from './database.ts';
import type { DialectName } from './dialect.ts';
import { migrateToLatest } from './migrate.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';
import { DEFAULT_WAL_RESTART_BYTES, startWalCheckpointer } from './wal-checkpointer.ts';

/** Where the SQLite database lives when nothing else is said. */
export const DEFAULT_SQLITE_FILE = './data/mamori.db';

export interface OpenDatabaseOptions {
  /** `postgres://…` or `postgresql://…`. Falls back to `env.DATABASE_URL` when no `file` is given. */
  url?: string;
  /** SQLite file, or `:memory:`. Wins over `DATABASE_URL` in the environment. */
  file?: string;
  /** Run migrations to the newest one before returning (default true). */
  migrate?: boolean;
  /**
   * SQLite `synchronous`. NORMAL (default) in WAL mode: a committed transaction survives the
   * process being killed (SIGKILL, crash), because the WAL is written before COMMIT returns; only an
   * OS crash or power loss may lose the last transactions. That is what "durable before its
   * decision is returned" needs against a killed server. FULL also fsyncs the WAL on every commit
   * (survives power loss) at a large cost in write throughput.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** SQLite: WAL pages between automatic checkpoints (default 10,000 pages, about 40 MB; 0 = never). */
  walAutocheckpointPages?: number;
  /**
   * SQLite file: checkpoint the WAL from a background thread instead of inside a COMMIT (see
   * wal-checkpointer.ts). For long-running writers (the server, replay); default false.
   */
  backgroundCheckpoints?: boolean;
  /** With background checkpoints: the WAL size at which it is started over (tests set it small). */
  walRestartBytes?: number;
  /** With background checkpoints: how often the thread checkpoints (default 500 ms). */
  walCheckpointIntervalMs?: number;
  /** SQLite: how long a writer waits for another process's lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number;
  /** PostgreSQL: schema to create (if missing) and put first on every connection's search_path. */
  schema?: string;
  /** PostgreSQL: pool size (default 10). */
  poolSize?: number;
  /** PostgreSQL: called when an idle pooled connection fails (default: ignored; the next query reports it). */
  onPoolError?: (error: Error) => void;
  /** PostgreSQL: connect timeout (default 5000 ms). */
  connectTimeoutMs?: number;
  /** Environment to read DATABASE_URL from (default `process.env`); a seam for tests. */
  env?: Readonly<Record<string, string | undefined>>;
}

export type DatabaseTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** A printable description: the SQLite file, or the PostgreSQL URL without its password. */
  location: string;
  /** Closes the connection (SQLite) or ends the pool (PostgreSQL). */
  close(): Promise<void>;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Decides which database to open, without opening it: an explicit `file` → SQLite; an explicit
 * `url` → PostgreSQL; else `DATABASE_URL` → PostgreSQL; else SQLite at {@link DEFAULT_SQLITE_FILE}.
 */
export function resolveDatabaseTarget(options: OpenDatabaseOptions = {}): DatabaseTarget {
  if (options.file !== undefined && options.url !== undefined) {
    throw new ConfigError('db_config_conflict', 'give either a database file or a database url, not both');
  }
  if (options.file !== undefined) return { dialect: 'sqlite', file: options.file };
  const env = options.env ?? process.env;
  const url = options.url ?? (env.DATABASE_URL?.trim() || undefined);
  if (url === undefined) return { dialect: 'sqlite', file: DEFAULT_SQLITE_FILE };
  if (!POSTGRES_URL.test(url)) {
    throw new ConfigError(
      'db_url_unsupported',
      `DATABASE_URL: unexpected "${redactUrl(url)}", expected postgres://user@host:port/database (for SQLite, give a file instead)`,
    );
  }
  return { dialect: 'postgres', url };
}

/**
 * Opens the Mamori database and (unless `migrate: false`) migrates it to the newest schema.
 *
 * @example
 * const { db, close } = await openDatabase({ file: ':memory:' });
 * try { await findDecision(db, 'default', 'evt_1'); } finally { await close(); }
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const target = resolveDatabaseTarget(options);
  const opened =
    target.dialect === 'sqlite' ? openSqlite(target.file, options) : await openPostgres(target.url, options);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(opened.db);
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return opened;
}

function openSqlite(file: string, options: OpenDatabaseOptions): OpenedDatabase {
  const memory = file === ':memory:' || file === '';
  const path = memory ? ':memory:' : resolve(file);
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  // WAL: readers never block the writer and a commit is one sequential append.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  // Checkpoint the WAL into the database every ~40 MB instead of every ~4 MB (default 1000
  // pages): a checkpoint fsyncs, and batch writes otherwise pay one on almost every commit.
  const background = options.backgroundCheckpoints === true && !memory;
  const autocheckpoint = background ? 0 : Math.max(0, Math.trunc(options.walAutocheckpointPages ?? 10_000));
  sqlite.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  // Page cache up to 64 MiB (SQLite's default is 2 MiB): batch writes touch index pages all over
  // the file. A limit, not an allocation.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5_000))}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  const restartAtBytes = options.walRestartBytes ?? DEFAULT_WAL_RESTART_BYTES;
  // After a restart, a WAL that once grew past the limit (a large batch) is cut back to it.
  if (background) sqlite.pragma(`journal_size_limit = ${Math.trunc(restartAtBytes)}`);
  const checkpointer = background
    ? startWalCheckpointer(path, sqlite, {
        restartAtBytes,
        pageSize,
        ...(options.walCheckpointIntervalMs === undefined
          ? {}
          : { intervalMs: options.walCheckpointIntervalMs }),
      })
    : undefined;
  let closed = false;
  return {
    db,
    dialect: 'sqlite',
    location: path,
    async close() {
      if (closed) return;
      closed = true;
      await checkpointer?.stop();
      await db.destroy(); // closes the better-sqlite3 handle, checkpointing the WAL
    },
  };
}

/**
 * int8 (bigint, bigserial, count(*)) arrives from pg as a string, because it may exceed 2^53.
 * Our int8 columns hold epoch milliseconds and counters, far below 2^53, so we read them as
 * numbers. Set per pool, not globally, so other pg users in the process are unaffected.
 */
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new ConfigError(
      'db_schema_invalid',
      `schema: unexpected "${schema}", expected lower-case letters, digits and _`,
    );
  }
  const connectionTimeoutMillis = options.connectTimeoutMs ?? 5_000;
  if (schema !== undefined) {
    // Create the schema before the pool starts using it as search_path.
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis,
    types: pgTypes,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client's error (server restart, network drop) is emitted on the pool; unhandled, it
  // would end the process. The pool drops that client and the next query reports the problem.
  pool.on('error', options.onPoolError ?? (() => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(url) + (schema === undefined ? '' : ` (schema ${schema})`),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // ends the pool
    },
  };
}

/** The URL with any password replaced by ***, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  }
}
