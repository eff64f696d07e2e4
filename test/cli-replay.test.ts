/**
 * mamori replay / simulate / evaluate / policy check / keys, in-process (contract "Command line").
 */

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { countEvents, openDatabase } from '../src/db/index.ts';
import { runCli, tempDir } from './helpers/cli.ts';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('mamori replay', () => {
  const events = dir.path('events.ndjson');

  it('simulate writes events, replay decides each line in order, deterministically', async () => {
    const sim = await runCli([
      'simulate',
      '--seed',
      '5',
      '--subscribers',
      '120',
      '--days',
      '10',
      '--out',
      events,
    ]);
    expect(sim.code).toBe(0);
    const lines = readFileSync(events, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(500);

    const out1 = dir.path('d1.ndjson');
    const out2 = dir.path('d2.ndjson');
    const r1 = await runCli(['replay', events, '--out', out1]);
    const r2 = await runCli(['replay', events, '--out', out2, '--batch', '97']);
    // Into a database file (WAL, checkpointed from a background thread): the same decisions, all
    // events stored, and the command ends by itself.
    const out3 = dir.path('d3.ndjson');
    const r3 = await runCli(['replay', events, '--out', out3, '--db', dir.path('replay.db')]);
    expect(r3.code).toBe(0);
    const stored = await openDatabase({ file: dir.path('replay.db') });
    try {
      expect(await countEvents(stored.db)).toBe(lines.length);
    } finally {
      await stored.close();
    }
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    expect(r1.stderr).toMatch(/件を再生/);
    const d1 = readFileSync(out1, 'utf8');
    // Same file, same decisions — also with another batch size (engine time is the event's own).
    expect(readFileSync(out2, 'utf8')).toBe(d1);
    expect(readFileSync(out3, 'utf8')).toBe(d1);
    const decisions = d1
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(decisions.map((d) => d.event)).toEqual(lines.map((l) => JSON.parse(l).id));
    for (const d of decisions) {
      if (d.decision !== 'allow') expect(d.reasons.length).toBeGreaterThan(0);
    }
  });

  it('as a process, replays into a database file and exits by itself with 0', async () => {
    const events = dir.path('proc.ndjson');
    writeFileSync(
      events,
      [
        '{"id":"p1","type":"login","at":"2026-11-01T09:00:00+09:00","account":"a1","result":"success","method":"password"}',
        '{"id":"p2","type":"charge","at":"2026-11-01T09:05:00+09:00","account":"a1","amount":300,"merchant":{"id":"m","category":"game"},"funding":"phone_bill"}',
      ].join('\n'),
    );
    // The background checkpointer thread must neither keep the process alive nor let it end early.
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'replay', events, '--db', dir.path('proc.db'), '--lang', 'en'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).toMatch(/2 events replayed/);
    expect(child.status).toBe(0);
  });

  it('writes an error object in place of each unreadable line', async () => {
    const mixed = dir.path('mixed.ndjson');
    writeFileSync(
      mixed,
      [
        '{"id":"e1","type":"login","at":"2026-11-01T09:00:00+09:00","account":"a1","result":"success","method":"password"}',
        'this is not json',
        '',
        '{"id":"e2","type":"charge","at":"2026-11-01T09:05:00+09:00","account":"a1","amount":0,"merchant":{"id":"m","category":"game"},"funding":"phone_bill"}',
        '{"id":"e3","type":"card_view","at":"2026-11-01T09:06:00+09:00","account":"a1"}',
      ].join('\n'),
    );
    const r = await runCli(['replay', mixed, '--lang', 'en']);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[0].event).toBe('e1');
    expect(out[1].error.code).toBe('invalid_json');
    expect(out[2].error.code).toBe('empty_line');
    expect(out[3]).toMatchObject({ event: 'e2', error: { code: 'invalid_event' } });
    expect(out[4].event).toBe('e3');
    expect(r.stderr).toMatch(/errors 3/);
  });

  it('exits 2 with one line for a missing file or a bad policy', async () => {
    const missing = await runCli(['replay', dir.path('nope.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const policy = dir.path('bad-policy.json');
    writeFileSync(policy, JSON.stringify({ bands: { challenge: 50, hold: 40, lock: 90 } }));
    const bad = await runCli(['replay', events, '--policy', policy]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bands\.hold/);
  });
});

describe('mamori policy check', () => {
  it('explains every problem, and accepts a good file', async () => {
    const bad = dir.path('p-bad.json');
    writeFileSync(bad, JSON.stringify({ bands: { challenge: 50, hold: 40, lock: 90 }, nonsense: 1 }));
    const r = await runCli(['policy', 'check', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bands\.hold|nonsense/);
    const good = dir.path('p-good.json');
    writeFileSync(good, JSON.stringify({ bands: { challenge: 30, hold: 60, lock: 85 } }));
    const ok = await runCli(['policy', 'check', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/valid/);
  });
});

describe('mamori keys', () => {
  it('creates a key (secret printed once), lists it without the secret, revokes it', async () => {
    const db = dir.path('keys.db');
    const created = await runCli(['keys', 'create', '--name', 'ingest', '--db', db]);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^mk_/);
    const list = await runCli(['keys', 'list', '--db', db]);
    expect(list.stdout).toMatch(/ingest\tactive/);
    expect(list.stdout).not.toContain(secret);
    const id = list.stdout.split('\t')[0] ?? '';
    expect((await runCli(['keys', 'revoke', id, '--db', db])).code).toBe(0);
    expect((await runCli(['keys', 'list', '--db', db])).stdout).toMatch(/revoked/);
  });
});
