/**
 * Sends queued webhook deliveries (the outbox rows written with each decision). Runs beside the
 * HTTP server on its own timer, so a slow or failing receiver never delays a decision. Failed
 * sends are retried with exponential backoff and jitter, then given up on after maxAttempts.
 */
import type { Kysely } from 'kysely';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  type Database,
  markDelivered,
  markFailed,
} from '../db/index.ts';
import { SIGNATURE_HEADER, signPayload } from './sign.ts';

export interface DispatchOptions {
  nowMs: number;
  /** Injected for tests; the global fetch otherwise. */
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  maxAttempts?: number;
  limit?: number;
  /** 0..1, for the jitter; Math.random otherwise. */
  random?: () => number;
}

export interface DispatchResult {
  delivered: number;
  retrying: number;
  givenUp: number;
}

/** 10 s, 20 s, 40 s … capped at one hour, with ±20 % jitter so retries do not arrive in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

async function send(
  d: ClaimedDelivery,
  o: Required<Pick<DispatchOptions, 'nowMs' | 'timeoutMs'>> & { fetchImpl: typeof fetch },
) {
  const signature = signPayload(d.secret, Math.floor(o.nowMs / 1000), d.body);
  const res = await o.fetchImpl(d.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signature,
      'mamori-event': d.eventKind,
      'mamori-delivery': d.id,
    },
    body: d.body,
    signal: AbortSignal.timeout(o.timeoutMs),
    redirect: 'manual',
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
}

/** Claims the due deliveries once and sends them; returns what happened. */
export async function dispatchDue(db: Kysely<Database>, options: DispatchOptions): Promise<DispatchResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const maxAttempts = options.maxAttempts ?? 10;
  const random = options.random ?? Math.random;
  const due = await claimDueDeliveries(db, {
    nowMs: options.nowMs,
    limit: options.limit ?? 50,
    leaseMs: 60_000,
  });
  const result: DispatchResult = { delivered: 0, retrying: 0, givenUp: 0 };
  await Promise.all(
    due.map(async (d) => {
      try {
        await send(d, { nowMs: options.nowMs, timeoutMs: options.timeoutMs ?? 5_000, fetchImpl });
        await markDelivered(db, d.id, options.nowMs);
        result.delivered++;
      } catch (error) {
        const message = (error as Error).message.slice(0, 200);
        // claimDueDeliveries counted this attempt already.
        if (d.attempts >= maxAttempts) {
          await markFailed(db, d.id, { error: message, retryAtMs: null });
          result.givenUp++;
        } else {
          await markFailed(db, d.id, {
            error: message,
            retryAtMs: options.nowMs + backoffMs(d.attempts, random),
          });
          result.retrying++;
        }
      }
    }),
  );
  return result;
}

/** Polls the outbox every intervalMs until stopped. */
export function startWebhookDispatcher(
  db: Kysely<Database>,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(() => dispatchDue(db, { nowMs: Date.now() }))
      .catch((e: unknown) => options.onError?.(e));
  }, options.intervalMs ?? 1_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
