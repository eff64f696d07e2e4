import { describe, expect, it } from 'vitest';
import { emptyGlobalState, ipKey, keyStats, recordHit } from './global-state.ts';
import { DEFAULT_POLICY, parsePolicy } from './policy.ts';

const P = DEFAULT_POLICY;
const t = 1_800_000_000;

describe('GlobalState', () => {
  it('counts distinct accounts failing and succeeding per key inside the window', () => {
    let g = emptyGlobalState(P);
    for (let i = 0; i < 4; i++) g = recordHit(g, ipKey('198.51.100.1'), `acc_${i}`, false, t + i, P);
    g = recordHit(g, ipKey('198.51.100.1'), 'acc_0', false, t + 9, P);
    expect(keyStats(g, ipKey('198.51.100.1'), { account: 'acc_9', ok: true }, t + 10, P)).toEqual({
      accounts: 5,
      failedAccounts: 4,
      okAccounts: 1,
    });
    expect(keyStats(g, ipKey('198.51.100.1'), { account: 'acc_9', ok: true }, t + 3 * 3600, P).accounts).toBe(
      1,
    );
  });

  it('copies only the touched shard (structural sharing) and never mutates the input', () => {
    const g0 = emptyGlobalState(P);
    const g1 = recordHit(g0, ipKey('1.2.3.4'), 'acc_1', true, t, P);
    expect(g0.shards.every((s) => s.length === 0)).toBe(true);
    const changed = g1.shards.filter((s, i) => s !== g0.shards[i]);
    expect(changed).toHaveLength(1);
  });

  it('stays bounded: keys per shard and hits per key', () => {
    const small = parsePolicy({ global: { shards: 2, maxKeysPerShard: 3, maxHitsPerKey: 4 } }).policy;
    if (!small) throw new Error('policy');
    let g = emptyGlobalState(small);
    for (let i = 0; i < 100; i++)
      g = recordHit(g, ipKey(`10.0.0.${i % 20}`), `acc_${i}`, false, t + i, small);
    for (const shard of g.shards) {
      expect(shard.length).toBeLessThanOrEqual(3);
      for (const e of shard) expect(e.hits.length).toBeLessThanOrEqual(4);
    }
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });
});
