import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhook, enqueueDeliveries, listDeliveries } from '../db/index.ts';
import { openTestDatabase } from '../db/test-databases.ts';
import { backoffMs, dispatchDue } from './dispatcher.ts';
import { SIGNATURE_HEADER, signPayload, verifySignature } from './sign.ts';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

describe('webhook signatures', () => {
  it('verifies its own signature, and rejects a changed body, a wrong secret or a stale timestamp', () => {
    const header = signPayload('whsec_a', 1_800_000_000, '{"x":1}');
    expect(verifySignature('whsec_a', header, '{"x":1}', 1_800_000_010)).toBe(true);
    expect(verifySignature('whsec_a', header, '{"x":2}', 1_800_000_010)).toBe(false);
    expect(verifySignature('whsec_b', header, '{"x":1}', 1_800_000_010)).toBe(false);
    expect(verifySignature('whsec_a', header, '{"x":1}', 1_800_001_000)).toBe(false);
  });

  it('backs off exponentially with bounded jitter', () => {
    expect(backoffMs(1, () => 0.5)).toBe(10_000);
    expect(backoffMs(3, () => 0.5)).toBe(40_000);
    expect(backoffMs(30, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(2, () => 0)).toBe(16_000);
  });
});

describe('dispatchDue', () => {
  const received: Received[] = [];
  let failNext = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = failNext-- > 0 ? 500 : 204;
      res.end();
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends signed deliveries, retries failures with backoff, and gives up after maxAttempts', async () => {
    const { db, close } = await openTestDatabase('sqlite');
    try {
      const hook = await createWebhook(db, { operatorId: 'op', url, nowMs: 0 });
      const body = JSON.stringify({ kind: 'decision.hold', decision: { event: 'e1', decision: 'hold' } });
      await enqueueDeliveries(db, 'op', [{ eventKind: 'decision.hold', body }], 1_000);

      const t0 = 1_800_000_000_000;
      expect(await dispatchDue(db, { nowMs: t0 })).toEqual({ delivered: 1, retrying: 0, givenUp: 0 });
      const got = received.at(-1);
      expect(got?.body).toBe(body);
      expect(verifySignature(hook.secret, String(got?.headers[SIGNATURE_HEADER]), body, t0 / 1000)).toBe(
        true,
      );
      expect(got?.headers['mamori-event']).toBe('decision.hold');
      expect((await listDeliveries(db, hook.id))[0]?.status).toBe('delivered');

      // A receiver that keeps failing: retried later (not at once), then given up on.
      await enqueueDeliveries(db, 'op', [{ eventKind: 'decision.lock', body: '{}' }], t0);
      failNext = 100;
      expect(await dispatchDue(db, { nowMs: t0, maxAttempts: 3, random: () => 0.5 })).toEqual({
        delivered: 0,
        retrying: 1,
        givenUp: 0,
      });
      expect(await dispatchDue(db, { nowMs: t0 + 5_000, maxAttempts: 3 })).toEqual({
        delivered: 0,
        retrying: 0,
        givenUp: 0,
      });
      expect(await dispatchDue(db, { nowMs: t0 + 10_000, maxAttempts: 3, random: () => 0.5 })).toEqual({
        delivered: 0,
        retrying: 1,
        givenUp: 0,
      });
      expect(await dispatchDue(db, { nowMs: t0 + 40_000, maxAttempts: 3 })).toEqual({
        delivered: 0,
        retrying: 0,
        givenUp: 1,
      });
      const lock = (await listDeliveries(db, hook.id)).find((d) => d.eventKind === 'decision.lock');
      expect(lock?.status).toBe('failed');
      expect(lock?.lastError).toBe('HTTP 500');
    } finally {
      failNext = 0;
      await close();
    }
  });
});
