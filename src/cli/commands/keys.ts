/**
 * mamori keys create|list|revoke — API keys for POST /v1/events. Only a SHA-256 hash of each key
 * is stored; the secret is printed once at creation.
 */
import { z } from 'zod';
import { createApiKey, createWebhook, listApiKeys, listWebhooks, revokeApiKey } from '../../db/index.ts';
import type { CliIo } from '../io.ts';
import { openCliDatabase, parseOptions } from '../options.ts';

const dbOption = { db: z.string().min(1).optional() };
const createSchema = z.strictObject({
  name: z.string().min(1).max(100),
  operator: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/, 'letters, digits, _ and -')
    .default('default'),
  ...dbOption,
});
const revokeSchema = z.strictObject({ id: z.string().min(1), ...dbOption });
const listSchema = z.strictObject(dbOption);

export async function runCreate(raw: unknown, io: CliIo): Promise<number> {
  const opts = parseOptions(createSchema, raw);
  const opened = await openCliDatabase(io, opts.db);
  try {
    const { key, secret } = await createApiKey(opened.db, {
      operatorId: opts.operator,
      name: opts.name,
      nowMs: Date.now(),
    });
    io.stdout.write(`${secret}\n`);
    io.stderr.write(
      `key ${key.id} (${key.name}) for operator ${key.operatorId} in ${opened.location}; the secret above is shown only now\n`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}

export async function runList(raw: unknown, io: CliIo): Promise<number> {
  const opts = parseOptions(listSchema, raw);
  const opened = await openCliDatabase(io, opts.db);
  try {
    for (const k of await listApiKeys(opened.db)) {
      const state = k.revokedAtMs ? 'revoked' : 'active';
      io.stdout.write(
        `${k.id}\t${k.prefix}…\t${k.operatorId}\t${k.name}\t${state}\tcreated ${new Date(k.createdAtMs).toISOString()}\n`,
      );
    }
    return 0;
  } finally {
    await opened.close();
  }
}

export async function runRevoke(raw: unknown, io: CliIo): Promise<number> {
  const opts = parseOptions(revokeSchema, raw);
  const opened = await openCliDatabase(io, opts.db);
  try {
    const done = await revokeApiKey(opened.db, opts.id, Date.now());
    io.stderr.write(done ? `key ${opts.id} revoked\n` : `no active key ${opts.id}\n`);
    return done ? 0 : 1;
  } finally {
    await opened.close();
  }
}

const webhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  operator: createSchema.shape.operator,
  ...dbOption,
});

/** mamori webhooks add --url URL: registers a receiver and prints its signing secret once. */
export async function runWebhookAdd(raw: unknown, io: CliIo): Promise<number> {
  const opts = parseOptions(webhookSchema, raw);
  const opened = await openCliDatabase(io, opts.db);
  try {
    const hook = await createWebhook(opened.db, {
      operatorId: opts.operator,
      url: opts.url,
      nowMs: Date.now(),
    });
    io.stdout.write(`${hook.secret}\n`);
    io.stderr.write(
      `webhook ${hook.id} → ${hook.url} for operator ${hook.operatorId}; verify the Mamori-Signature header with the secret above\n`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}

export async function runWebhookList(raw: unknown, io: CliIo): Promise<number> {
  const opts = parseOptions(z.strictObject({ operator: createSchema.shape.operator, ...dbOption }), raw);
  const opened = await openCliDatabase(io, opts.db);
  try {
    for (const h of await listWebhooks(opened.db, opts.operator, { all: true })) {
      io.stdout.write(`${h.id}\t${h.url}\t${h.active ? 'active' : 'inactive'}\n`);
    }
    return 0;
  } finally {
    await opened.close();
  }
}
