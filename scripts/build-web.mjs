#!/usr/bin/env node
/**
 * Builds the web app (web/ → web/dist) with Vite, but only when web/dist is missing or older than
 * any source file (web/src/**, web/index.html, web/vite.config.ts). `--force` always builds.
 * Meant for `prestart` and the end-to-end tests; exits non-zero when the build fails.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const dist = join(web, 'dist', 'index.html');

/** Newest modification time (ms) of a file or of every file below a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

export function webBuildIsCurrent() {
  if (!existsSync(dist)) return false;
  const sources = Math.max(
    newest(join(web, 'src')),
    newest(join(web, 'index.html')),
    newest(join(web, 'vite.config.ts')),
  );
  return statSync(dist).mtimeMs >= sources;
}

export async function buildWeb({ force = false, quiet = false } = {}) {
  if (!force && webBuildIsCurrent()) {
    if (!quiet) console.log('web app: web/dist is up to date');
    return false;
  }
  const { build } = await import('vite');
  // Under vitest NODE_ENV is `test`, which would make Vite bundle React's development build
  // (three times larger); the served app is always the production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(web, 'vite.config.ts'),
      mode: 'production',
      logLevel: quiet ? 'warn' : 'info',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(`web app build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
