/**
 * What the browser tests share: Debian's chromium through playwright-core, the web build, and the
 * checks every page gets (screenshots at 375 px and 1280 px, an axe-core scan).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'web', 'dist');
export const SHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** Flags for headless chromium on these machines (no background network, no sandbox as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function prepareBuild(): Promise<string | null> {
  try {
    const { buildWeb } = (await import(join(ROOT, 'scripts', 'build-web.mjs'))) as {
      buildWeb: (o: { quiet: boolean }) => Promise<boolean>;
    };
    await buildWeb({ quiet: true });
    return existsSync(join(DIST, 'index.html')) ? null : 'web/dist/index.html was not produced';
  } catch (error) {
    return `the web build failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Why a browser test file must skip (chromium missing, build failed), said once; or null. */
export async function browserSkipReason(what: string): Promise<string | null> {
  const reason = !existsSync(CHROMIUM)
    ? `${CHROMIUM} is missing (apt-get install chromium)`
    : await prepareBuild();
  if (reason) console.warn(`[e2e] ${what} skipped: ${reason}`);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Full-page screenshots at 375 px and 1280 px into test/e2e/screenshots/ (not committed). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 375, height: 812 });
}

/**
 * The serious and critical axe-core violations on the page, as readable lines. Evaluated through
 * the DevTools protocol, not page.addScriptTag: the server's CSP (`script-src 'self'`) rightly
 * blocks an inline tag, and the app must be tested under that CSP.
 */
export async function seriousAxeViolations(page: Page, name: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = (await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }
    ).axe.run();
    return result.violations;
  })) as Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>;
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}
