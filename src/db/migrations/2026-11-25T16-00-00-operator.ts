/**
 * Operator console (issue 5 "Operators"): notes on cases, reported phishing messages with the
 * checker's verdict, and campaign warnings sent. Same generic SQL as the initial migration: text
 * ids, bigint epoch ms, JSON as text.
 */
import type { Kysely } from 'kysely';

// A migration runs against whatever schema precedes it, not today's Database type.
// biome-ignore lint/suspicious/noExplicitAny: Kysely's migration guide types migrations with Kysely<any>.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('case_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_notes_case_idx')
    .on('case_notes')
    .columns(['case_id', 'created_at_ms'])
    .execute();

  await db.schema
    .createTable('reported_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    // `operator:<user id>` or `subscriber:<account>`: who forwarded it.
    .addColumn('reporter', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('sender', 'text')
    .addColumn('subject', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('brand', 'text')
    // JSON arrays of the non-official link domains and phone numbers (the campaign keys).
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('phones', 'text', (c) => c.notNull())
    // The checker's whole result as JSON text.
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reported_messages_operator_idx')
    .on('reported_messages')
    .columns(['operator_id', 'created_at_ms'])
    .execute();

  await db.schema
    .createTable('campaign_warnings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_warnings_campaign_idx')
    .on('campaign_warnings')
    .columns(['operator_id', 'campaign_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['campaign_warnings', 'reported_messages', 'case_notes']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
