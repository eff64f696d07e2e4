/**
 * End-to-end, in a real browser (issue 5 "Engineering"): Debian's chromium driven by
 * playwright-core against the real server started as a child process on a temporary database.
 * Sign up (with the live strength meter) → enrol TOTP (code computed here with otplib from the
 * key the page shows) → check a pasted phishing SMS → and, when the subscriber routes are wired,
 * one-tap lock → sign in again with TOTP → unlock with a fresh TOTP code. Screenshots at 375 px
 * and 1280 px go to test/e2e/screenshots/ (not committed); every main page gets an axe-core scan
 * with no serious or critical violations.
 *
 * Skips, saying why, when /usr/bin/chromium is missing or the web build cannot be produced.
 * Until the lead registers src/server/routes/web-app.ts, /app/* is fulfilled from web/dist by the
 * browser (page.route) while every /api call still goes to the real server; the log says so.
 * MAMORI_E2E_SERVER_ENTRY=<file> runs another entry instead of src/server/main.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningServer, startServer, stopServer } from '../helpers/spawn-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'web', 'dist');
const SHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

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

const skipReason = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is missing (apt-get install chromium)`
  : await prepareBuild();
if (skipReason) console.warn(`[e2e] subscriber web app tests skipped: ${skipReason}`);

/** As test/helpers/spawn-server.ts, for another entry file. */
async function startEntry(entry: string, env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!out.includes('Mamori is listening')) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url: `http://127.0.0.1:${port}`, output: () => out };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** TOTP codes that the server accepts once each: a time step never used before (RFC 6238 §5.2). */
function totpCodes(secret: string) {
  let lastStep = -1;
  return async (): Promise<string> => {
    for (;;) {
      const current = Math.floor(Date.now() / 30_000);
      // The server accepts ±1 step; use the current step, else the next, else wait for time to move.
      const step = [current, current + 1].find((s) => s > lastStep);
      if (step !== undefined) {
        lastStep = step;
        return generate({ secret, epoch: step * 30 });
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  };
}

describe.skipIf(skipReason !== null)('subscriber web app in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let appServed = false;
  let subscriberRoutes = false;
  const email = `hanako.${Date.now()}@example.jp`;
  const password = 'kumo-no-ue-de-odoru-Neko-2026!';
  let nextCode: () => Promise<string>;

  async function shoot(name: string) {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 375, height: 812 });
  }

  async function axe(name: string) {
    // Not page.addScriptTag: the server's CSP (`script-src 'self'`) rightly blocks an inline tag,
    // and the app must be tested under that CSP. Evaluation through the DevTools protocol is not
    // subject to it.
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
    const violations = (await page.evaluate(async () => {
      const result = await (
        window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }
      ).axe.run();
      return result.violations;
    })) as Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>;
    const bad = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) => `${name}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
      );
    expect(bad).toEqual([]);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-'));
    const env = { MAMORI_DB_FILE: join(dir, 'mamori.db') };
    const entry = process.env.MAMORI_E2E_SERVER_ENTRY;
    server = entry ? await startEntry(entry, env) : await startServer(env);
    appServed = (await fetch(`${server.url}/app/`)).status === 200;
    // Without a session a wired subscriber route answers 401; an absent one 404.
    subscriberRoutes = (await fetch(`${server.url}/api/account/lock`)).status === 401;
    if (!appServed)
      console.warn(
        '[e2e] /app/ is not served by the server (web-app plugin not registered): serving web/dist from the test',
      );
    if (!subscriberRoutes)
      console.warn('[e2e] subscriber routes are not registered: lock/unlock steps are skipped');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'ja-JP' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('[e2e] page error:', e.message));
    if (!appServed) {
      await page.route(`${server.url}/app/**`, async (route) => {
        const path = new URL(route.request().url()).pathname.replace(/^\/app\/?/, '');
        const file = join(DIST, path);
        const real = path && existsSync(file) ? file : join(DIST, 'index.html');
        await route.fulfill({
          body: readFileSync(real),
          contentType: MIME[extname(real)] ?? 'application/octet-stream',
        });
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs up with the live strength meter', async () => {
    await page.goto(`${server.url}/app/`);
    await page.getByRole('heading', { name: 'サインイン' }).waitFor();
    await shoot('sign-in');
    await axe('sign-in');
    await page.getByRole('button', { name: 'はじめての方は新規登録' }).click();
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード', { exact: true }).fill('password');
    await page.getByText('もう少し推測されにくいパスワードにしてください。').waitFor();
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByText('このパスワードは登録に使えます。').waitFor();
    await shoot('sign-up');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('heading', { name: /メッセージボックス/ }).waitFor();
    await shoot('messages');
    await axe('messages');
  }, 60_000);

  it('enrols TOTP from the QR page and shows the recovery codes once', async () => {
    await page.getByRole('link', { name: 'チェック' }).click();
    await page.getByRole('heading', { name: 'セキュリティチェック' }).waitFor();
    await page.getByRole('button', { name: '2段階認証を設定する' }).click();
    await page.getByTestId('totp-qr').waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    nextCode = totpCodes(secret);
    await shoot('totp-qr');
    await axe('totp-qr');
    await page.getByLabel('確認コード（6桁）').fill(await nextCode());
    await page.getByRole('button', { name: '設定を完了する' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBeGreaterThanOrEqual(8);
    await shoot('recovery-codes');
    await page.getByRole('button', { name: '保管しました' }).click();
    await page.getByText('設定済みです。').waitFor();
    await shoot('security');
    await axe('security');
  }, 60_000);

  it('says フィッシング for a pasted phishing SMS, with the link marked 非公式', async () => {
    await page.getByRole('link', { name: '本物？' }).click();
    await page
      .getByLabel('メッセージの本文')
      .fill('【NTTドコモ】ご利用料金が未払いです。本日中に https://docomo-ryokin.top/pay でお支払いください');
    await page.getByRole('button', { name: '調べる', exact: true }).click();
    const verdict = page.locator('#verdict-title');
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('フィッシング');
    await expect(page.locator('.findings').first().textContent()).resolves.toContain('非公式');
    expect(await page.locator('main').textContent()).not.toContain('安全');
    // Links in the result are inert text: the only anchors are official advice addresses.
    expect(await page.locator('.findings a').count()).toBe(0);
    await shoot('check-phishing');
    await axe('check-phishing');
    // Reporting it keeps it (with the verdict) for the operator's campaigns and the evidence report.
    await page.getByRole('button', { name: '報告して記録に残す' }).click();
    await page.getByText('報告しました。被害の記録にも残ります。').waitFor();
  }, 60_000);

  it('activity: shows the chart and the 身に覚えがない buttons', async () => {
    if (!subscriberRoutes) return;
    await page.getByRole('link', { name: '利用履歴' }).click();
    await page.getByRole('heading', { name: '利用履歴' }).waitFor();
    await page.getByText('1日ごとの利用金額').waitFor();
    await shoot('activity');
    await axe('activity');
  }, 60_000);

  it('locks with one tap (and a confirmation), then unlocks with a TOTP code', async () => {
    if (!subscriberRoutes) return;
    await page.getByRole('link', { name: '緊急ロック' }).click();
    await page.getByRole('button', { name: '今すぐロックする' }).click();
    await shoot('lock-confirm');
    await axe('lock-confirm');
    await page.getByRole('button', { name: 'ロックする', exact: true }).click();
    // Every session ends, this one too: back to sign-in with the server's explanation.
    await page.getByRole('heading', { name: 'サインイン' }).waitFor();
    await page.getByText('キャリア決済を停止し').waitFor();
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'サインイン', exact: true }).click();
    await page.getByLabel('確認コード（6桁）').fill(await nextCode());
    await page.getByRole('button', { name: '確認する' }).click();
    await page.getByRole('heading', { name: 'ロック中です' }).waitFor();
    await shoot('locked');
    await axe('locked');
    await page.getByLabel('認証アプリの6桁の確認コードを入力してください。').fill(await nextCode());
    await page.getByRole('button', { name: '解除する' }).click();
    await page.getByText('ロックを解除し').waitFor();
    await page.getByRole('button', { name: '今すぐロックする' }).waitFor();
  }, 120_000);

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Messages' }).waitFor();
    await page.getByRole('link', { name: 'Real?' }).click();
    await page.getByRole('heading', { name: 'Is this message real?' }).waitFor();
    await shoot('check-en');
    await page.getByRole('button', { name: '日本語' }).click();
  }, 30_000);
});
