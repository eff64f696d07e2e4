/**
 * Issue 4 "Reliability": kill the server with SIGKILL while a client streams events, restart it,
 * resend everything unacknowledged: every acknowledged event is stored once, none twice, and the
 * decisions for repeated ids are unchanged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countEvents, createApiKey, findDecisions, openDatabase } from '../src/db/index.ts';
import type { AccountEvent, Decision } from '../src/engine/index.ts';
import { simulate } from '../src/sim/index.ts';
import { startServer, stopServer } from './helpers/spawn-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'mamori-sigkill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ingest survives SIGKILL', () => {
  it('stores every acknowledged event exactly once and keeps its decision', async () => {
    const file = join(dir, 'mamori.db');
    const setup = await openDatabase({ file });
    const { secret } = await createApiKey(setup.db, {
      operatorId: 'default',
      name: 'sigkill',
      nowMs: Date.now(),
    });
    await setup.close();

    const events = [...simulate({ seed: 3, subscribers: 150, days: 6 })] as AccountEvent[];
    const batches: AccountEvent[][] = [];
    for (let i = 0; i < events.length; i += 40) batches.push(events.slice(i, i + 40));
    expect(batches.length).toBeGreaterThan(20);

    const env = { MAMORI_DB_FILE: file };
    const send = (url: string, batch: AccountEvent[]) =>
      fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' },
        body: batch.map((e) => JSON.stringify(e)).join('\n'),
      });

    const acked = new Map<string, Decision>();
    let server = await startServer(env);
    let next = 0;
    // Stream half the batches with acknowledgements, then fire several and kill mid-flight.
    for (; next < Math.floor(batches.length / 2); next++) {
      const res = await send(server.url, batches[next] as AccountEvent[]);
      expect(res.status, server.output()).toBe(200);
      for (const d of (await res.json()).decisions as Decision[]) acked.set(d.event, d);
    }
    const inFlight = [0, 1, 2].map((k) =>
      send(server.url, batches[next + k] as AccountEvent[]).then(
        async (res) => ({ ok: res.status === 200, body: res.status === 200 ? await res.json() : null }),
        () => ({ ok: false, body: null }),
      ),
    );
    await new Promise((r) => setTimeout(r, 15));
    await stopServer(server, 'SIGKILL');
    const results = await Promise.all(inFlight);
    results.forEach((r) => {
      if (r.ok) for (const d of r.body.decisions as Decision[]) acked.set(d.event, d);
    });
    const firstUnacked = next + results.findIndex((r) => !r.ok);
    const resumeAt = results.every((r) => r.ok) ? next + 3 : firstUnacked;

    // Restart and resend from the first unacknowledged batch, plus two acknowledged ones again.
    server = await startServer(env);
    try {
      for (const i of [0, Math.max(0, resumeAt - 1)]) {
        const res = await send(server.url, batches[i] as AccountEvent[]);
        expect(res.status).toBe(200);
        for (const d of (await res.json()).decisions as Decision[]) {
          if (acked.has(d.event)) expect(d).toEqual(acked.get(d.event));
        }
      }
      for (let i = resumeAt; i < batches.length; i++) {
        const res = await send(server.url, batches[i] as AccountEvent[]);
        expect(res.status, server.output()).toBe(200);
        for (const d of (await res.json()).decisions as Decision[])
          if (!acked.has(d.event)) acked.set(d.event, d);
      }
    } finally {
      await stopServer(server);
    }

    const check = await openDatabase({ file, migrate: false });
    try {
      // Every event stored once: the events table holds exactly the distinct ids sent.
      expect(await countEvents(check.db, 'default')).toBe(new Set(events.map((e) => e.id)).size);
      const stored = await findDecisions(check.db, 'default', [...acked.keys()]);
      expect(stored.size).toBe(acked.size);
      for (const [id, d] of acked) expect(stored.get(id)).toEqual(d);
    } finally {
      await check.close();
    }
  }, 120_000);
});
