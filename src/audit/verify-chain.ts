import { GENESIS_HASH, hashAuditEntry } from './hash-audit-entry.ts';

/** One stored audit row as read from `audit_log` (data is JSON text). */
export interface AuditRow {
  seq: number;
  at_ms: number;
  actor: string;
  action: string;
  subject: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export type AuditProblemKind = 'changed' | 'removed' | 'reordered' | 'inserted';

export interface AuditProblem {
  /** The entry the problem is about (for 'removed', the first missing seq). */
  seq: number;
  kind: AuditProblemKind;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  /** How many stored entries were checked. */
  checked: number;
  /** The last stored entry, or null for an empty log. */
  head: { seq: number; hash: string } | null;
  problems: AuditProblem[];
}

export interface VerifyChainOptions {
  /**
   * A head recorded earlier (e.g. in an evidence report). A chain alone cannot show that its last
   * entries were cut off; an anchor kept elsewhere can.
   */
  expectHead?: { seq: number; hash: string } | null;
}

interface Checked {
  row: AuditRow;
  data: { ok: true; value: unknown } | { ok: false };
  /** The stored hash matches the row's own fields. */
  intact: boolean;
}

function hashAt(c: Checked, seq: number, prevHash: string = c.row.prev_hash): string | undefined {
  if (!c.data.ok) return undefined;
  return hashAuditEntry({ ...c.row, seq, prev_hash: prevHash, data: c.data.value });
}

/**
 * Verifies a hash chain (pure). Every entry must match its own hash, follow its predecessor's
 * seq by one and name its predecessor's hash as `prev_hash`. A problem says which entry and how:
 *
 * - `changed`: the entry's content no longer matches its hash, or its hash was recomputed so the
 *   next entry no longer links to it;
 * - `removed`: seq numbers are missing (appendAudit numbers without gaps);
 * - `reordered`: an entry sits at another place than the one its hash was made for (found through
 *   its `prev_hash`), or holds the content of another entry;
 * - `inserted`: an entry that is not part of the original chain (the next entry links past it, or
 *   the entry that was at its place has moved one further).
 *
 * @example
 * const { ok, problems } = verifyChain(rows); // rows in any order
 */
export function verifyChain(rows: readonly AuditRow[], options: VerifyChainOptions = {}): AuditVerification {
  const checked: Checked[] = [...rows]
    .sort((a, b) => a.seq - b.seq)
    .map((row) => {
      let data: Checked['data'];
      try {
        data = { ok: true, value: JSON.parse(row.data) };
      } catch {
        data = { ok: false };
      }
      const c: Checked = { row, data, intact: false };
      c.intact = hashAt(c, row.seq) === row.hash;
      return c;
    });
  const bySeq = new Map(checked.map((c) => [c.row.seq, c]));
  const byHash = new Map<string, Checked>();
  for (const c of checked) if (!byHash.has(c.row.hash)) byHash.set(c.row.hash, c);

  const problems = new Map<string, AuditProblem>();
  const report = (seq: number, kind: AuditProblemKind, message: string) => {
    const key = `${seq}:${kind}`;
    if (!problems.has(key)) problems.set(key, { seq, kind, message });
  };

  // Where each entry was made: its own seq when intact; otherwise one after its predecessor's
  // original place, if its hash verifies there (the whole row was moved).
  const origin = new Map<Checked, number | undefined>();
  const originOf = (c: Checked, depth = 0): number | undefined => {
    if (origin.has(c)) return origin.get(c);
    if (c.intact) return c.row.seq;
    if (depth > checked.length) return undefined;
    origin.set(c, undefined); // cycle guard
    let candidate: number | undefined;
    if (c.row.prev_hash === GENESIS_HASH) candidate = 1;
    else {
      const pred = byHash.get(c.row.prev_hash);
      const predOrigin = pred === undefined || pred === c ? undefined : originOf(pred, depth + 1);
      candidate = predOrigin === undefined ? undefined : predOrigin + 1;
    }
    const found = candidate !== undefined && hashAt(c, candidate) === c.row.hash ? candidate : undefined;
    origin.set(c, found);
    return found;
  };

  const broken = checked.filter((c) => !c.intact);
  for (const c of broken) {
    const seq = c.row.seq;
    const from = originOf(c);
    if (from !== undefined && from !== seq) {
      report(seq, 'reordered', `entry #${seq} is entry #${from} moved to another place`);
      const atOrigin = bySeq.get(from);
      // The entry that was at #from moved one further and a valid-looking entry took its place.
      if (from === seq - 1 && atOrigin?.intact === true) {
        report(from, 'inserted', `entry #${from} was inserted: the entry that was #${from} is now #${seq}`);
      }
      continue;
    }
    // Content swapped without the hashes: does this content verify in another broken entry's slot?
    const owner = broken.find((o) => o !== c && hashAt(c, o.row.seq, o.row.prev_hash) === o.row.hash);
    if (owner !== undefined) {
      report(seq, 'reordered', `entry #${seq} holds the content of entry #${owner.row.seq}`);
      continue;
    }
    report(
      seq,
      'changed',
      c.data.ok
        ? `entry #${seq} was changed: its content no longer matches its hash`
        : `entry #${seq} was changed: its data is not valid JSON`,
    );
  }

  // Links between neighbours.
  let prev: Checked | undefined;
  for (const c of checked) {
    const seq = c.row.seq;
    const expectedSeq = prev === undefined ? 1 : prev.row.seq + 1;
    const expectedPrevHash = prev === undefined ? GENESIS_HASH : prev.row.hash;
    if (seq > expectedSeq) {
      report(
        expectedSeq,
        'removed',
        seq - 1 === expectedSeq
          ? `entry #${expectedSeq} was removed`
          : `entries #${expectedSeq}–#${seq - 1} were removed`,
      );
    } else if (c.row.prev_hash !== expectedPrevHash && c.intact && (prev === undefined || prev.intact)) {
      const earlier = byHash.get(c.row.prev_hash);
      if (prev === undefined) {
        report(
          seq,
          'changed',
          `entry #${seq} does not start the chain: its prev_hash is not the genesis hash`,
        );
      } else if (earlier !== undefined && earlier.row.seq < prev.row.seq) {
        for (let s = earlier.row.seq + 1; s < seq; s++) {
          report(s, 'inserted', `entry #${s} was inserted: entry #${seq} links to entry #${earlier.row.seq}`);
        }
      } else {
        report(
          prev.row.seq,
          'changed',
          `entry #${prev.row.seq} was changed and its hash recomputed: entry #${seq} no longer links to it`,
        );
      }
    }
    prev = c;
  }

  const last = checked.at(-1);
  const expect = options.expectHead;
  if (expect) {
    const at = bySeq.get(expect.seq);
    if (at === undefined) {
      report(
        expect.seq,
        'removed',
        `entry #${expect.seq}, the head recorded earlier, is missing: the log was cut off after #${last?.row.seq ?? 0}`,
      );
    } else if (at.row.hash !== expect.hash) {
      report(expect.seq, 'changed', `entry #${expect.seq} does not have the hash recorded earlier for it`);
    }
  }

  const list = [...problems.values()].sort((a, b) => a.seq - b.seq || a.kind.localeCompare(b.kind));
  return {
    ok: list.length === 0,
    checked: checked.length,
    head: last === undefined ? null : { seq: last.row.seq, hash: last.row.hash },
    problems: list,
  };
}
