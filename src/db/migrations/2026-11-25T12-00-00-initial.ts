/**
 * Initial schema. Generic SQL that means the same on SQLite and PostgreSQL: text ids,
 * integer/bigint numbers (epoch ms need 64 bits), JSON stored as text in both dialects, and
 * times as epoch ms wherever we order or filter by them. The only dialect difference is how an
 * auto-incrementing key is declared.
 */
import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

// A migration runs against whatever schema precedes it, not today's Database type.
// biome-ignore lint/suspicious/noExplicitAny: Kysely's migration guide types migrations with Kysely<any>.
type Db = Kysely<any>;

/** `integer primary key autoincrement` on SQLite, `bigserial primary key` on PostgreSQL. */
function serialType(db: Db): 'integer' | 'bigserial' {
  return dialectOf(db) === 'postgres' ? 'bigserial' : 'integer';
}
function serialPk(db: Db) {
  return (c: ColumnDefinitionBuilder) =>
    dialectOf(db) === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('operator_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pk', ['operator_id', 'id'])
    .execute();
  await db.schema
    .createIndex('events_account_at_idx')
    .on('events')
    .columns(['operator_id', 'account', 'at_ms'])
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('operator_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('decisions_pk', ['operator_id', 'event_id'])
    .execute();
  // No per-account index on decisions: it would cost every batch write a random B-tree insert, and
  // an account's decisions are reached through events_account_at_idx (same operator_id, event id).

  await db.schema
    .createTable('profiles')
    .addColumn('operator_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('profiles_pk', ['operator_id', 'account'])
    .execute();

  await db.schema
    .createTable('engine_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notices')
    .addColumn('ref', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('read_at_ms', 'bigint')
    .execute();
  await db.schema
    .createIndex('notices_account_idx')
    .on('notices')
    .columns(['operator_id', 'account', 'created_at_ms'])
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('operator_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlIn('status', ['open', 'confirmed_fraud', 'legitimate', 'closed'])),
    )
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('opened_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cases_status_idx')
    .on('cases')
    .columns(['operator_id', 'status', 'seq'])
    .execute();
  await db.schema.createIndex('cases_account_idx').on('cases').columns(['operator_id', 'account']).execute();

  await db.schema
    .createTable('account_locks')
    .addColumn('id', serialType(db), serialPk(db))
    .addColumn('operator_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('locked_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('unlocked_at_ms', 'bigint')
    .execute();
  await db.schema
    .createIndex('account_locks_account_idx')
    .on('account_locks')
    .columns(['operator_id', 'account'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at_ms', 'bigint')
    .addColumn('last_used_at_ms', 'bigint')
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('webhooks_operator_idx').on('webhooks').column('operator_id').execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sqlIn('status', ['pending', 'delivered', 'failed'])),
    )
    .addColumn('last_error', 'text')
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at_ms', 'bigint')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at_ms'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', serialType(db), serialPk(db))
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'audit_log',
    'webhook_deliveries',
    'webhooks',
    'api_keys',
    'account_locks',
    'cases',
    'counters',
    'notices',
    'engine_state',
    'profiles',
    'decisions',
    'events',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

/** `column IN ('a', 'b')` for a CHECK constraint; the values are our own literals, not input. */
function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}
