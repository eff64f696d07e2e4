import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, hashAuditEntry } from './hash-audit-entry.ts';
import { type AuditRow, verifyChain } from './verify-chain.ts';

/** A valid chain of n entries, built the way appendAudit builds them. */
function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  for (let seq = 1; seq <= n; seq++) {
    rows.push(seal(seq, rows.at(-1)?.hash ?? GENESIS_HASH, { n: seq }));
  }
  return rows;
}

function seal(seq: number, prevHash: string, data: unknown, actor = 'cli'): AuditRow {
  const fields = { seq, at_ms: 1000 * seq, actor, action: 'test', subject: 'acc_7', prev_hash: prevHash };
  return { ...fields, data: canonicalJson(data), hash: hashAuditEntry({ ...fields, data }) };
}

const kinds = (rows: AuditRow[]) => verifyChain(rows).problems.map((p) => [p.seq, p.kind]);

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a/);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain in any row order, and an empty one', () => {
    const rows = chain(4);
    expect(verifyChain([...rows].reverse())).toMatchObject({ ok: true, checked: 4, problems: [] });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, head: null, problems: [] });
  });

  it('names a changed entry, also when its data is no longer JSON', () => {
    const rows = chain(4);
    rows[1] = { ...(rows[1] as AuditRow), data: '{"n":99}' };
    rows[2] = { ...(rows[2] as AuditRow), data: '{oops' };
    expect(kinds(rows)).toEqual([
      [2, 'changed'],
      [3, 'changed'],
    ]);
    expect(verifyChain(rows).problems[1]?.message).toContain('not valid JSON');
  });

  it('names removed entries, one range per gap', () => {
    const rows = chain(6).filter((r) => r.seq !== 3 && r.seq !== 4);
    const { problems } = verifyChain(rows);
    expect(problems).toEqual([{ seq: 3, kind: 'removed', message: 'entries #3–#4 were removed' }]);
  });

  it('names removed first entries', () => {
    expect(kinds(chain(3).slice(1))).toEqual([[1, 'removed']]);
  });

  it('names an entry inserted by shifting the later ones up', () => {
    const rows = chain(4);
    const forged = seal(3, (rows[1] as AuditRow).hash, { forged: true }, 'mallory');
    const shifted = rows.slice(2).map((r) => ({ ...r, seq: r.seq + 1 }));
    const tampered = [...rows.slice(0, 2), forged, ...shifted];
    expect(kinds(tampered)).toEqual([
      [3, 'inserted'],
      [4, 'reordered'],
      [5, 'reordered'],
    ]);
  });

  it('names entries inserted between two that the next one still links past', () => {
    const rows = chain(3);
    // Entry 3 renumbered to 4 with a recomputed hash over the same prev_hash (entry 2's).
    const moved = seal(4, (rows[1] as AuditRow).hash, { n: 3 });
    const forged = seal(3, (rows[1] as AuditRow).hash, { forged: true });
    expect(kinds([rows[0] as AuditRow, rows[1] as AuditRow, forged, moved])).toEqual([[3, 'inserted']]);
  });

  it('names contents swapped without their hashes', () => {
    const rows = chain(4);
    const [a, b] = [rows[0] as AuditRow, rows[2] as AuditRow];
    rows[0] = { ...a, at_ms: b.at_ms, data: b.data };
    rows[2] = { ...b, at_ms: a.at_ms, data: a.data };
    expect(kinds(rows)).toEqual([
      [1, 'reordered'],
      [3, 'reordered'],
    ]);
  });

  it('checks the head recorded earlier', () => {
    const rows = chain(3);
    expect(verifyChain(rows, { expectHead: { seq: 3, hash: 'x' } }).problems).toEqual([
      expect.objectContaining({ seq: 3, kind: 'changed' }),
    ]);
    expect(verifyChain(rows, { expectHead: { seq: 3, hash: (rows[2] as AuditRow).hash } }).ok).toBe(true);
  });
});
