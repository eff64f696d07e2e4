import type { AccountLocksTable } from './tables/account-locks.table.ts';
import type { ApiKeysTable } from './tables/api-keys.table.ts';
import type { AuditLogTable } from './tables/audit-log.table.ts';
import type { CasesTable } from './tables/cases.table.ts';
import type { CountersTable } from './tables/counters.table.ts';
import type { DecisionsTable } from './tables/decisions.table.ts';
import type { EngineStateTable } from './tables/engine-state.table.ts';
import type { EventsTable } from './tables/events.table.ts';
import type { NoticesTable } from './tables/notices.table.ts';
import type { ProfilesTable } from './tables/profiles.table.ts';
import type { WebhookDeliveriesTable, WebhooksTable } from './tables/webhooks.table.ts';

/**
 * Every table, as Kysely sees it (`Kysely<Database>`). Columns are generic SQL that means the same
 * on SQLite and PostgreSQL: text ids, integer/bigint numbers, JSON as text, times as epoch ms.
 */
export interface Database {
  events: EventsTable;
  decisions: DecisionsTable;
  profiles: ProfilesTable;
  engine_state: EngineStateTable;
  notices: NoticesTable;
  cases: CasesTable;
  counters: CountersTable;
  account_locks: AccountLocksTable;
  api_keys: ApiKeysTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  audit_log: AuditLogTable;
}
