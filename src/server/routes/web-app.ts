/**
 * The subscriber web app (issue 5): the Vite build in web/dist served under /app/, with
 * index.html for every client route under /app/* (react-router's basename is /app). Hashed files
 * under /app/assets/ are cached for a year; index.html is revalidated on every load so a new
 * build is picked up at once.
 *
 * Without a build (no web/dist/index.html) the plugin registers nothing and logs a warning: the
 * plain checker page at `/` (./page.ts) and the API still work. `/` is left to that page on
 * purpose: it needs no build step and no framework, so it is the page that always works.
 *
 * The app runs under the server's own CSP (../security-headers.ts: `script-src 'self'`,
 * `style-src 'self'`, `img-src 'self'`): the build has no inline script or style, and the TOTP
 * QR code is inline SVG rather than a data: URL image.
 *
 * @example
 * void app.register(webAppRoutes);                        // web/dist next to src/
 * void app.register(webAppRoutes, { distDir: '/srv/mamori/web' });
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export interface WebAppRoutesOptions {
  /** The Vite output folder. Default: web/dist of this repository. */
  distDir?: string;
}

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Vite names built files `name-<hash>.ext`: their content never changes under that name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export const webAppRoutes: FastifyPluginAsync<WebAppRoutesOptions> = async (app, options) => {
  const distDir = options.distDir ?? DEFAULT_WEB_DIST;
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ distDir }, 'web app not built (run `npm run build:web`); /app/ is not served');
    return;
  }
  // Read once at start-up, as ./page.ts does: the shell is small and changes only with a build.
  const indexHtml = await readFile(indexFile);

  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/app/',
    // One route per built file, found at start-up; the catch-all below handles client routes.
    wildcard: false,
    index: false,
    decorateReply: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
    },
  });

  const sendShell = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);

  app.get('/app', async (_request, reply) => reply.redirect('/app/', 301));
  app.get('/app/', sendShell);
  app.get('/app/*', async (request, reply) => {
    // A missing built file is a 404, not the HTML shell (a browser would try to run it as JS).
    const path = (request.params as { '*': string })['*'];
    if (path.startsWith('assets/') || /\.[a-z0-9]{1,8}$/i.test(path)) return reply.callNotFound();
    return sendShell(request, reply);
  });
};
