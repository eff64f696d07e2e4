/**
 * Child process for connect.test.ts: stores batches into the SQLite file given as argv[2] and
 * prints "ack <batch>" after each commit, until it is killed.
 */
import { openDatabase } from './connect.ts';
import { storeProcessed } from './processed.repository.ts';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: sigkill-writer.fixture.ts FILE');
const { db } = await openDatabase({ file });
for (let batch = 0; ; batch++) {
  const items = Array.from({ length: 100 }, (_, i) => {
    const id = `evt_${batch}_${i}`;
    const event = {
      id,
      type: 'login',
      at: '2026-11-24T10:15:00+09:00',
      account: `acc_${i}`,
      result: 'success',
      method: 'passkey',
    };
    return {
      event,
      decision: {
        event: id,
        account: event.account,
        decision: 'allow' as const,
        score: 0,
        reasons: [],
        notice: null,
        case: null,
      },
      profile: { batch },
    };
  });
  await storeProcessed(db, items);
  process.stdout.write(`ack ${batch}\n`);
}
