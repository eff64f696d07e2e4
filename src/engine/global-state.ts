/**
 * Cross-account state for credential stuffing and shared attacker devices (issue 4 "cross-account
 * signals: one network or device failing or succeeding on many accounts"). Like the profile it is
 * plain, bounded, JSON-serialisable data, passed into `decide` and returned updated.
 *
 * Structure: a fixed number of shards (by key hash), each a short list of keys with their recent
 * login hits `[account hash, at s, ok]`. An update copies the shard array and one shard only, so a
 * replay never copies the whole state per event. Hits older than the window age out; a full shard
 * evicts its least recently hit key. Memory is bounded by shards × keys × hits.
 */
import type { Policy } from './policy.ts';
import { shortHash } from './short-hash.ts';
import { MINUTE } from './time.ts';

export type GlobalHit = readonly [account: string, at: number, ok: 0 | 1];
export interface GlobalEntry {
  readonly key: string;
  readonly last: number;
  readonly hits: readonly GlobalHit[];
}
export interface GlobalState {
  readonly v: 1;
  readonly shards: readonly (readonly GlobalEntry[])[];
}

/** Distinct accounts seen for one key inside the window (the current event included). */
export interface KeyStats {
  accounts: number;
  failedAccounts: number;
  okAccounts: number;
}

export function emptyGlobalState(policy: Policy): GlobalState {
  return { v: 1, shards: Array.from({ length: policy.global.shards }, () => []) };
}

/** Keys an event is counted under: its IP address and its device. */
export function ipKey(ip: string): string {
  return `ip:${ip}`;
}
export function deviceKey(deviceId: string): string {
  return `dev:${shortHash(deviceId)}`;
}

function shardIndex(g: GlobalState, key: string): number {
  return Number.parseInt(shortHash(key), 36) % g.shards.length;
}

function findEntry(g: GlobalState, key: string): GlobalEntry | undefined {
  const shard = g.shards[shardIndex(g, key)];
  if (!shard) return undefined;
  for (const e of shard) if (e.key === key) return e;
  return undefined;
}

/** Counts distinct accounts for `key` in the window ending at `at`, plus the current event. */
export function keyStats(
  g: GlobalState,
  key: string,
  current: { account: string; ok: boolean },
  at: number,
  policy: Policy,
): KeyStats {
  const entry = findEntry(g, key);
  if (!entry)
    return current.ok
      ? { accounts: 1, failedAccounts: 0, okAccounts: 1 }
      : { accounts: 1, failedAccounts: 1, okAccounts: 0 };
  const minAt = at - policy.global.windowMinutes * MINUTE;
  const me = shortHash(current.account);
  // At most maxHitsPerKey (≤ 64) hits: small arrays beat Sets on this hot path.
  const all: string[] = [me];
  const failed: string[] = current.ok ? [] : [me];
  const ok: string[] = current.ok ? [me] : [];
  for (const [acc, t, good] of entry.hits) {
    if (t < minAt || t > at) continue;
    if (!all.includes(acc)) all.push(acc);
    const list = good ? ok : failed;
    if (!list.includes(acc)) list.push(acc);
  }
  return { accounts: all.length, failedAccounts: failed.length, okAccounts: ok.length };
}

/** Returns the state with one login hit recorded under `key`. */
export function recordHit(
  g: GlobalState,
  key: string,
  account: string,
  ok: boolean,
  at: number,
  policy: Policy,
): GlobalState {
  const gp = policy.global;
  const minAt = at - gp.windowMinutes * MINUTE;
  const idx = shardIndex(g, key);
  const shard = g.shards[idx] ?? [];
  const hit: GlobalHit = [shortHash(account), at, ok ? 1 : 0];
  const nextShard: GlobalEntry[] = [];
  let prev: GlobalEntry | undefined;
  for (const e of shard) {
    if (e.key === key) prev = e;
    else if (e.last >= minAt) nextShard.push(e);
  }
  const hits: GlobalHit[] = [];
  if (prev) for (const h of prev.hits) if (h[1] >= minAt) hits.push(h);
  hits.push(hit);
  const trimmed = hits.length > gp.maxHitsPerKey ? hits.slice(hits.length - gp.maxHitsPerKey) : hits;
  nextShard.push({ key, last: Math.max(prev?.last ?? 0, at), hits: trimmed });
  if (nextShard.length > gp.maxKeysPerShard) {
    // Evict the least recently hit key (the shard is not kept sorted, so search).
    let oldest = 0;
    for (let i = 1; i < nextShard.length; i++) {
      if ((nextShard[i] as GlobalEntry).last < (nextShard[oldest] as GlobalEntry).last) oldest = i;
    }
    nextShard.splice(oldest, 1);
  }
  const shards = g.shards.slice();
  shards[idx] = nextShard;
  return { v: 1, shards };
}
