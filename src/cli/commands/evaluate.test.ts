import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.ts';
import { simulate } from '../../sim/index.ts';
import { run } from './evaluate.ts';

function capture() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

const EVENTS = [
  {
    id: 'e1',
    type: 'login',
    at: '2026-11-01T10:00:00+09:00',
    account: 'a1',
    result: 'success',
    method: 'passkey',
    label: { fraud: false, scenario: 'legit' },
  },
  {
    id: 'e2',
    type: 'charge',
    at: '2026-11-01T10:05:00+09:00',
    account: 'a1',
    amount: 1200,
    merchant: { id: 'm1', category: 'app_store' },
    funding: 'phone_bill',
    label: { fraud: false, scenario: 'legit' },
  },
  {
    id: 'e3',
    type: 'login',
    at: '2026-11-02T03:00:00+09:00',
    account: 'a2',
    result: 'success',
    method: 'sms_otp',
    label: { fraud: true, scenario: 'sim_swap' },
  },
  {
    id: 'e4',
    type: 'charge',
    at: '2026-11-02T03:10:00+09:00',
    account: 'a2',
    amount: 10000,
    merchant: { id: 'm2', category: 'gift_card' },
    funding: 'registered_card',
    label: { fraud: true, scenario: 'sim_swap' },
  },
  {
    id: 'e5',
    type: 'charge',
    at: '2026-11-02T03:12:00+09:00',
    account: 'a2',
    amount: 20000,
    merchant: { id: 'm2', category: 'gift_card' },
    funding: 'registered_card',
    label: { fraud: true, scenario: 'sim_swap' },
  },
];
const DECISIONS = [
  { event: 'e1', account: 'a1', decision: 'allow', score: 0, reasons: [], notice: null, case: null },
  { event: 'e2', account: 'a1', decision: 'allow', score: 5, reasons: [], notice: null, case: null },
  {
    event: 'e3',
    account: 'a2',
    decision: 'challenge',
    score: 40,
    reasons: [],
    notice: 'N-AAAA-BBBB',
    case: null,
  },
  { event: 'e4', account: 'a2', decision: 'allow', score: 50, reasons: [], notice: null, case: null },
  {
    event: 'e5',
    account: 'a2',
    decision: 'lock',
    score: 95,
    reasons: [],
    notice: 'N-CCCC-DDDD',
    case: 'C-000001',
  },
];

function files(events: string, decisions: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-eval-'));
  writeFileSync(join(dir, 'events.ndjson'), events);
  writeFileSync(join(dir, 'decisions.ndjson'), decisions);
  return { events: join(dir, 'events.ndjson'), decisions: join(dir, 'decisions.ndjson') };
}

const ndjson = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

describe('mamori evaluate', () => {
  it('prints the table with targets and counts bad lines without failing', async () => {
    const f = files(
      `${ndjson(EVENTS.slice(0, 2))}not json\n{"id":"x","type":"charge"}\n\n${ndjson(EVENTS.slice(2))}`,
      `${ndjson(DECISIONS)}{"event":"e9","error":{"code":"invalid_event","message":"bad"}}\n{oops\r\n`,
    );
    const out = capture();
    const err = capture();
    const r = await run({ ...f, lang: 'en' }, { stdout: out.stream, stderr: err.stream });
    expect(r.events).toMatchObject({ used: 5, unreadable: 1, invalid: 1, examples: [3, 4] });
    expect(r.decisions).toMatchObject({ used: 6, unreadable: 1, invalid: 0, examples: [7] });
    // ¥20,000 of ¥30,000 stopped; the account stopped on its 2nd charge.
    expect(r.metrics.fraudYenStopped).toEqual({ count: 20_000, of: 30_000, share: 2 / 3 });
    expect(r.metrics.accountsStoppedBy2ndCharge.share).toBe(1);
    expect(r.metrics.errorDecisions).toBe(1);
    expect(r.pass).toBe(false);
    expect(out.text()).toMatch(/fraudulent yen stopped\s+66\.7%\s+¥20,000 \/ ¥30,000\s+≥ 90%\s+FAIL/);
    expect(out.text()).toMatch(/attacked accounts stopped by 2nd charge\s+100\.0%\s+1 \/ 1\s+≥ 90%\s+PASS/);
    expect(err.text()).toMatch(/events\.ndjson: 5 lines used, 1 not JSON, 1 invalid \(lines 3, 4\)/);
    expect(err.text()).toMatch(/decisions\.ndjson: 6 lines used, 1 not JSON, 0 invalid \(lines 7\)/);
  });

  it('prints JSON with --json', async () => {
    const f = files(ndjson(EVENTS), ndjson(DECISIONS));
    const out = capture();
    await run({ ...f, json: true }, { stdout: out.stream, stderr: capture().stream });
    const j = JSON.parse(out.text());
    expect(j.byAction).toEqual({ allow: 3, challenge: 1, hold: 0, lock: 1, none: 0 });
    expect(j.legitChargesHeld).toEqual({ count: 0, of: 1, share: 0 });
    expect(j.targets).toHaveLength(6);
    expect(j.files.events.used).toBe(5);
  });

  it('evaluates a simulated file streamed through injected readers', async () => {
    const events = [...simulate({ seed: 2, subscribers: 200, days: 10, attackRate: 0.3 })];
    // A toy decider that stops every fraudulent charge and challenges nothing legit.
    const decisions = events.map((e) => ({
      event: e.id,
      decision: e.label?.fraud && e.type === 'charge' ? 'hold' : 'allow',
    }));
    const content: Record<string, string> = { ev: ndjson(events), de: ndjson(decisions) };
    const out = capture();
    const r = await run(
      { events: 'ev', decisions: 'de', lang: 'ja' },
      { stdout: out.stream, stderr: capture().stream, openRead: (p) => Readable.from([content[p] ?? '']) },
    );
    expect(r.events.used).toBe(events.length);
    expect(r.metrics.fraudYenStopped.share).toBe(1);
    expect(r.metrics.legitChargeFriction.share).toBe(0);
    expect(r.pass).toBe(true);
    expect(out.text()).toContain('合格');
    expect(out.text()).not.toContain('不合格');
  });

  it('a missing file or bad option is an InputError', async () => {
    const io = { stdout: capture().stream, stderr: capture().stream };
    const missing = await run(
      { events: '/nonexistent/events.ndjson', decisions: '/nonexistent/d.ndjson' },
      io,
    ).catch((x: unknown) => x);
    expect(missing).toBeInstanceOf(InputError);
    expect((missing as InputError).code).toBe('file_unreadable');
    const bad = await run({ events: 'a', decisions: 'b', lang: 'fr' as 'en' }, io).catch((x: unknown) => x);
    expect(bad).toBeInstanceOf(InputError);
    expect((bad as InputError).code).toBe('invalid_options');
    expect((bad as Error).message).toContain('lang:');
  });
});
