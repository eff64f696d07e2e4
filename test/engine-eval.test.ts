/**
 * Issue 4 detection targets, end to end: simulated labelled traffic → replay through the ingest
 * session (SQLite in memory) → evaluate. A seed the engine was never tuned on; deterministic, so
 * a change that loses detection or adds friction fails here.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.ts';
import { type AccountEvent, DEFAULT_POLICY, type Decision } from '../src/engine/index.ts';
import { EngineSession, toCandidate } from '../src/ingest/index.ts';
import { evaluate, simulate } from '../src/sim/index.ts';

describe('risk engine on simulated traffic (seed 29)', () => {
  it('meets every detection and friction target', async () => {
    const events = [...simulate({ seed: 29, subscribers: 1500, days: 30 })] as AccountEvent[];
    const opened = await openDatabase({ file: ':memory:' });
    const session = new EngineSession({
      db: opened.db,
      operatorId: 'default',
      policy: DEFAULT_POLICY,
      noticeKey: new Uint8Array(32),
    });
    const decisions: Decision[] = [];
    try {
      for (let i = 0; i < events.length; i += 5000) {
        const batch = events.slice(i, i + 5000).map((e) => toCandidate(JSON.parse(JSON.stringify(e))));
        for (const d of await session.process(batch)) if (!('error' in d)) decisions.push(d);
      }
    } finally {
      await opened.close();
    }
    expect(decisions).toHaveLength(events.length);
    const metrics = evaluate(events, decisions);
    expect(metrics.attackedAccounts).toBeGreaterThan(40);
    const failed = metrics.targets.filter((t) => t.pass === false).map((t) => `${t.id}: ${t.value}`);
    expect(failed).toEqual([]);
  }, 120_000);
});
