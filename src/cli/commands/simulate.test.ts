import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../engine/event-schema.ts';
import { InputError } from '../../errors.ts';
import { run, simulateOptionsSchema } from './simulate.ts';

function capture() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('mamori simulate', () => {
  it('streams NDJSON to stdout and a summary to stderr', async () => {
    const out = capture();
    const err = capture();
    const summary = await run(
      { seed: '4', subscribers: '300', days: '14', attackRate: '0.2' },
      { stdout: out.stream, stderr: err.stream },
    );
    const lines = out.text().trimEnd().split('\n');
    expect(lines.length).toBe(summary.events);
    for (const line of lines) expect(eventSchema.safeParse(JSON.parse(line)).success).toBe(true);
    const fraudAccounts = new Set(
      lines
        .map((l) => JSON.parse(l))
        .filter((e) => e.label.fraud)
        .map((e) => e.account),
    );
    expect(summary.attackedAccounts).toBe(fraudAccounts.size);
    expect(summary.attackedAccounts).toBeGreaterThan(30);
    expect(Object.values(summary.scenarios).reduce((n, s) => n + s.accounts, 0)).toBe(
      summary.attackedAccounts,
    );
    expect(err.text()).toContain(`${summary.events.toLocaleString('en-US')} events written to stdout`);
    expect(err.text()).toMatch(/attacked accounts: \d+/);
    expect(err.text()).toContain('smishing_takeover');
  });

  it('writes the same file for the same seed, and another for another seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-sim-'));
    const io = { stdout: capture().stream, stderr: capture().stream };
    await run({ seed: 9, subscribers: 100, days: 7, out: join(dir, 'a.ndjson') }, io);
    await run({ seed: 9, subscribers: 100, days: 7, out: join(dir, 'b.ndjson') }, io);
    await run({ seed: 10, subscribers: 100, days: 7, out: join(dir, 'c.ndjson') }, io);
    const a = readFileSync(join(dir, 'a.ndjson'), 'utf8');
    expect(a.length).toBeGreaterThan(10_000);
    expect(readFileSync(join(dir, 'b.ndjson'), 'utf8')).toBe(a);
    expect(readFileSync(join(dir, 'c.ndjson'), 'utf8')).not.toBe(a);
  });

  it('rejects bad options with one InputError listing every problem', async () => {
    const io = { stdout: capture().stream, stderr: capture().stream };
    const e = await run({ seed: -1, subscribers: 'many', days: 0, attackRate: 3 }, io).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('invalid_options');
    for (const field of ['seed', 'subscribers', 'days', 'attackRate'])
      expect((e as Error).message).toContain(`${field}:`);
    await expect(run({ start: '2026-13-45' }, io)).rejects.toThrow(/start/);
    expect(simulateOptionsSchema.parse({})).toMatchObject({
      seed: 1,
      subscribers: 1000,
      days: 30,
      attackRate: 0.05,
      start: '2026-11-01',
    });
  });

  it('reports an output file that cannot be written as an InputError', async () => {
    const io = { stdout: capture().stream, stderr: capture().stream };
    const e = await run(
      { seed: 1, subscribers: 5, days: 1, out: '/nonexistent-dir/x/events.ndjson' },
      io,
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('output_unwritable');
  });
});
