/**
 * Child process for audit-log.test.ts: appends argv[3] audit entries to the SQLite file argv[2],
 * so several processes append to one log at once.
 */
import { openDatabase } from '../db/index.ts';
import { appendAudit } from './append-audit.ts';

const [file, count = '50', name = 'writer'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: audit-writer.fixture.ts FILE COUNT NAME');
const { db, close } = await openDatabase({ file });
for (let i = 0; i < Number(count); i++) {
  await appendAudit(db, { actor: name, action: 'test.concurrent', subject: 's', data: { i }, atMs: i });
}
await close();
