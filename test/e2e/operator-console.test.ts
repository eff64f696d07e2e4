/**
 * End-to-end, in a real browser (issue 5 "Operators (role-gated)" and "Engineering"): Debian's
 * chromium driven by playwright-core against the real server (src/server/main.ts) on a temporary
 * database seeded with the demo (MAMORI_DEMO=on: an operator, a subscriber, an attack in progress
 * and open cases). The operator signs in → sees the case queue → opens an open case → confirms
 * fraud (with the confirmation) → the status changes; adds two similar reported phishing SMS → a
 * campaign of two appears → sends the warning (confirmed; the count is shown); then the demo
 * subscriber, in a fresh browser context, finds the warning in the message box. Every operator
 * page is captured at 375 px and 1280 px (test/e2e/screenshots/ops-*) and scanned with axe-core
 * (no serious or critical violations).
 *
 * Skips, saying why, as test/e2e/subscriber-app.test.ts: when /usr/bin/chromium is missing or the
 * web build cannot be produced. When the server does not serve /app/ itself, the test serves
 * web/dist to the browser (page.route) while every /api call still goes to the real server.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, stopServer } from '../helpers/spawn-server.ts';
import { browserSkipReason, DIST, launchChromium, seriousAxeViolations, shoot } from './kit.ts';

const OPERATOR = { email: 'soc@demo.mamori.example', password: 'demo-Mamori-soc-2026' };
const SUBSCRIBER = { email: 'hanako@demo.mamori.example', password: 'demo-Mamori-hanako-2026' };

const skipReason = await browserSkipReason('operator console tests');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

describe.skipIf(skipReason !== null)('operator console in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  let appServed = false;

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'ja-JP' });
    const p = await ctx.newPage();
    p.on('pageerror', (e) => console.error('[e2e] page error:', e.message));
    if (!appServed) {
      await p.route(`${server.url}/app/**`, async (route) => {
        const path = new URL(route.request().url()).pathname.replace(/^\/app\/?/, '');
        const file = join(DIST, path);
        const real = path && existsSync(file) ? file : join(DIST, 'index.html');
        await route.fulfill({
          body: readFileSync(real),
          contentType: MIME[extname(real)] ?? 'application/octet-stream',
        });
      });
    }
    return { context: ctx, page: p };
  }

  async function signIn(p: Page, who: { email: string; password: string }) {
    await p.goto(`${server.url}/app/sign-in`);
    await p.getByRole('heading', { name: 'サインイン' }).waitFor();
    await p.getByLabel('メールアドレス').fill(who.email);
    await p.getByLabel('パスワード', { exact: true }).fill(who.password);
    await p.getByRole('button', { name: 'サインイン', exact: true }).click();
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-ops-'));
    server = await startServer({ MAMORI_DB_FILE: join(dir, 'mamori.db'), MAMORI_DEMO: 'on' });
    appServed = (await fetch(`${server.url}/app/`)).status === 200;
    if (!appServed) console.warn('[e2e] /app/ is not served by the server: serving web/dist from the test');
    browser = await launchChromium();
    ({ context, page } = await newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in as the operator and shows the case queue with open cases', async () => {
    await signIn(page, OPERATOR);
    // The operator's tabs replace the subscriber's.
    await page.getByRole('link', { name: 'ケース' }).click();
    await page.getByRole('heading', { name: 'ケース一覧' }).waitFor();
    await page.locator('.ops-case').first().waitFor();
    expect(await page.locator('.ops-case').count()).toBeGreaterThanOrEqual(1);
    // Score and reasons at a glance.
    expect(await page.locator('.ops-case .ops-reasons li').count()).toBeGreaterThanOrEqual(1);
    await shoot(page, 'ops-queue');
    expect(await seriousAxeViolations(page, 'ops-queue')).toEqual([]);
    // Filter: only open cases.
    await page.getByLabel('状態').selectOption('open');
    await page.getByRole('button', { name: '絞り込む' }).click();
    await page.waitForURL(/status=open/);
    await page.locator('.ops-case').first().waitFor();
    const statuses = await page.locator('.ops-case .ops-status').allTextContents();
    expect(statuses.length).toBeGreaterThanOrEqual(1);
    expect(new Set(statuses)).toEqual(new Set(['未対応']));
  }, 60_000);

  it('opens a case and confirms fraud after a confirmation; the status changes', async () => {
    await page.locator('.ops-case-id').first().click();
    await page.getByRole('heading', { name: /^ケース C-/ }).waitFor();
    await page.getByRole('heading', { name: 'アカウントの出来事' }).waitFor();
    expect(await page.getByTestId('case-status').textContent()).toBe('未対応');
    expect(await page.locator('.ops-event').count()).toBeGreaterThanOrEqual(1);
    await shoot(page, 'ops-case');
    expect(await seriousAxeViolations(page, 'ops-case')).toEqual([]);
    await page.getByRole('button', { name: '不正と確定', exact: true }).click();
    await page.getByRole('alertdialog').waitFor();
    await shoot(page, 'ops-case-confirm');
    expect(await seriousAxeViolations(page, 'ops-case-confirm')).toEqual([]);
    await page.getByRole('button', { name: '不正と確定する' }).click();
    await page.getByText('不正と確定しました。').waitFor();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('不正と確定');
    // A note is added and shown after the refresh; markup in it stays text.
    await page.getByLabel('メモ（利用者には見えません）').fill('本人に確認済み <b>太字</b>');
    await page.getByRole('button', { name: 'メモを追加' }).click();
    await page.getByText('本人に確認済み <b>太字</b>').waitFor();
  }, 60_000);

  it('groups two similar reported SMS into a campaign and warns every subscriber', async () => {
    await page.getByRole('link', { name: '報告・注意喚起' }).click();
    await page.getByRole('heading', { name: '報告されたフィッシング' }).waitFor();
    const sms = [
      '【NTTドコモ】お客様のキャリア決済にご登録のクレジットカードが外部によるアクセスを検知しました。https://docomo-kessai-check.top/verify で確認してください',
      '【NTTドコモ】お客様のキャリア決済にご登録のクレジットカードが外部からのアクセスを検知しました。https://docomo-kessai-check.top/login にて確認してください',
    ];
    for (const text of sms) {
      await page.getByLabel('本文').fill(text);
      await page.getByRole('button', { name: '追加する' }).click();
      await page.getByText(/追加しました：フィッシング/).waitFor();
    }
    const campaign = page.locator('.ops-campaign', { hasText: 'docomo-kessai-check.top' });
    await campaign.getByText('2件').waitFor();
    // Message texts are inert: no link is made from them.
    expect(await campaign.locator('a').count()).toBe(0);
    await shoot(page, 'ops-campaigns');
    expect(await seriousAxeViolations(page, 'ops-campaigns')).toEqual([]);
    await campaign.getByRole('button', { name: '注意喚起を送る' }).click();
    await campaign.getByRole('alertdialog').waitFor();
    await campaign.getByRole('button', { name: '送る', exact: true }).click();
    const sent = campaign.getByText(/人の利用者に注意喚起を送りました。/);
    await sent.waitFor();
    const count = Number((await sent.textContent())?.match(/(\d+)人/)?.[1] ?? 0);
    expect(count).toBeGreaterThanOrEqual(1);
    await shoot(page, 'ops-campaign-sent');
  }, 60_000);

  it('shows metrics with the hourly chart and top rules', async () => {
    await page.getByRole('link', { name: '指標' }).click();
    await page.getByRole('heading', { name: '指標', level: 1 }).waitFor();
    await page.getByLabel('期間').selectOption('336');
    await page.getByRole('heading', { name: 'よく当たったルール' }).waitFor();
    await page.locator('.ops-chart svg[role="img"]').waitFor();
    expect(await page.locator('.ops-chart rect').count()).toBeGreaterThan(0);
    await shoot(page, 'ops-metrics');
    expect(await seriousAxeViolations(page, 'ops-metrics')).toEqual([]);
  }, 60_000);

  it('creates an API key (secret shown once) and revokes it', async () => {
    await page.getByRole('link', { name: 'APIと通知' }).click();
    await page.getByRole('heading', { name: 'APIキーとWebhook' }).waitFor();
    await page.getByLabel('新しいキーの名前').fill('e2e 連携');
    await page.getByRole('button', { name: '作成する' }).click();
    const secret = page.getByTestId('secret-once');
    await secret.waitFor();
    expect((await secret.textContent())?.length ?? 0).toBeGreaterThan(16);
    await page.getByText('この秘密の値は今だけ表示されます').waitFor();
    await shoot(page, 'ops-settings');
    expect(await seriousAxeViolations(page, 'ops-settings')).toEqual([]);
    await page.getByRole('button', { name: '保管しました' }).click();
    expect(await page.getByTestId('secret-once').count()).toBe(0);
    await page.getByRole('button', { name: '無効にする' }).first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: '無効にする' }).click();
    await page
      .getByText(/無効化:/)
      .first()
      .waitFor();
  }, 60_000);

  it('the demo subscriber finds the campaign warning in the message box', async () => {
    const fresh = await newPage();
    try {
      await signIn(fresh.page, SUBSCRIBER);
      await fresh.page.getByRole('heading', { name: /メッセージボックス/ }).waitFor();
      await fresh.page
        .getByRole('heading', { name: '【注意】偽のメッセージが出回っています' })
        .first()
        .waitFor();
      await shoot(fresh.page, 'ops-subscriber-warning');
    } finally {
      await fresh.context.close();
    }
  }, 60_000);

  it('keeps subscribers out of the console', async () => {
    const fresh = await newPage();
    try {
      await signIn(fresh.page, SUBSCRIBER);
      await fresh.page.getByRole('heading', { name: /メッセージボックス/ }).waitFor();
      await fresh.page.goto(`${server.url}/app/ops`);
      await fresh.page.getByText('このページはオペレーター専用です。').waitFor();
      expect(await fresh.page.locator('.ops-case').count()).toBe(0);
    } finally {
      await fresh.context.close();
    }
    await context.close();
  }, 60_000);
});
