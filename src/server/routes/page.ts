/**
 * GET / : the plain checker page (issue 3: usable, in Japanese, no framework), and its two
 * external files. External files, not inline code, so the CSP can say `script-src 'self'`.
 */
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';

const PUBLIC_DIR = new URL('../public/', import.meta.url);

const FILES = [
  { route: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { route: '/app.js', file: 'app.js', type: 'text/javascript; charset=utf-8' },
  { route: '/app.css', file: 'app.css', type: 'text/css; charset=utf-8' },
] as const;

export const pageRoutes: FastifyPluginAsync = async (app) => {
  for (const { route, file, type } of FILES) {
    // Read once at start-up: three small files, and a missing one fails the start, not a request.
    const body = await readFile(new URL(file, PUBLIC_DIR));
    app.get(route, async (_request, reply) => {
      return reply.type(type).header('cache-control', 'no-cache').send(body);
    });
  }
};
