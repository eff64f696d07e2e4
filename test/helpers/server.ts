/** Builds the HTTP server for app.inject tests, with config from a test environment. */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { loadRegistry } from '../../src/registry/index.ts';
import { buildServer } from '../../src/server/index.ts';

export async function testServer(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = buildServer({ config: loadConfig(env), registry: await loadRegistry({}) });
  await app.ready();
  return app;
}
