import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, stopServer } from '../helpers/spawn-server.ts';
import { browserSkipReason, DIST, launchChromium, seriousAxeViolations, shoot } from './kit.ts';

const skipReason = await browserSkipReason('subscriber web app tests');

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

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-'));
    const env = { MAMORI_DB_FILE: join(dir, 'mamori.db') };
    server = await startServer(env);
    appServed = (await fetch(`${server.url}/app/`)).status === 200;
    // Without a session a wired subscriber route answers 401; an absent one 404.
    subscriberRoutes = (await fetch(`${server.url}/api/account/lock`)).status === 401;
    if (!appServed)
      console.warn(
        '[e2e] /app/ is not served by the server (web-app plugin not registered): serving web/dist from the test',
      );
    if (!subscriberRoutes)
      console.warn('[e2e] subscriber routes are not registered: lock/unlock steps are skipped');
    browser = await launchChromium();
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
    await shoot(page, 'sign-in');
    expect(await seriousAxeViolations(page, 'sign-in')).toEqual([]);
    await page.getByRole('button', { name: 'はじめての方は新規登録' }).click();
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード', { exact: true }).fill('password');
    await page.getByText('もう少し推測されにくいパスワードにしてください。').waitFor();
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByText('このパスワードは登録に使えます。').waitFor();
    await shoot(page, 'sign-up');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('heading', { name: /メッセージボックス/ }).waitFor();
    await shoot(page, 'messages');
    expect(await seriousAxeViolations(page, 'messages')).toEqual([]);
  }, 60_000);

  it('enrols TOTP from the QR page and shows the recovery codes once', async () => {
    await page.getByRole('link', { name: 'チェック' }).click();
    await page.getByRole('heading', { name: 'セキュリティチェック' }).waitFor();
    await page.getByRole('button', { name: '2段階認証を設定する' }).click();
    await page.getByTestId('totp-qr').waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    nextCode = totpCodes(secret);
    await shoot(page, 'totp-qr');
    expect(await seriousAxeViolations(page, 'totp-qr')).toEqual([]);
    await page.getByLabel('確認コード（6桁）').fill(await nextCode());
    await page.getByRole('button', { name: '設定を完了する' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBeGreaterThanOrEqual(8);
    await shoot(page, 'recovery-codes');
    await page.getByRole('button', { name: '保管しました' }).click();
    await page.getByText('設定済みです。').waitFor();
    await shoot(page, 'security');
    expect(await seriousAxeViolations(page, 'security')).toEqual([]);
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
    await shoot(page, 'check-phishing');
    expect(await seriousAxeViolations(page, 'check-phishing')).toEqual([]);
    // Reporting it keeps it (with the verdict) for the operator's campaigns and the evidence report.
    await page.getByRole('button', { name: '報告して記録に残す' }).click();
    await page.getByText('報告しました。被害の記録にも残ります。').waitFor();
  }, 60_000);

  it('activity: shows the chart and the 身に覚えがない buttons', async () => {
    if (!subscriberRoutes) return;
    await page.getByRole('link', { name: '利用履歴' }).click();
    await page.getByRole('heading', { name: '利用履歴' }).waitFor();
    await page.getByText('1日ごとの利用金額').waitFor();
    await shoot(page, 'activity');
    expect(await seriousAxeViolations(page, 'activity')).toEqual([]);
  }, 60_000);

  it('locks with one tap (and a confirmation), then unlocks with a TOTP code', async () => {
    if (!subscriberRoutes) return;
    await page.getByRole('link', { name: '緊急ロック' }).click();
    await page.getByRole('button', { name: '今すぐロックする' }).click();
    await shoot(page, 'lock-confirm');
    expect(await seriousAxeViolations(page, 'lock-confirm')).toEqual([]);
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
    await shoot(page, 'locked');
    expect(await seriousAxeViolations(page, 'locked')).toEqual([]);
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
    await shoot(page, 'check-en');
    await page.getByRole('button', { name: '日本語' }).click();
  }, 30_000);
});
