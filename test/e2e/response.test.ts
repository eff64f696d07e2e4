/**
 * End-to-end, in a real browser (issue 6 "Guided response", "Evidence report", "Statement
 * review"): Debian's chromium driven by playwright-core. Sign up → 困ったときは → 「カード番号や
 * コードを入力してしまった」 with an issuer → the checklist shows the card-stop step with a tap-to-call
 * number, #9110 and 188 → mark a step done (kept with its time) → download the evidence report
 * PDF (%PDF) → 明細チェック: upload test/fixtures/statements/card-basic-sjis.csv → flagged lines.
 * Screenshots at 375 px and 1280 px go to test/e2e/screenshots/ (not committed); every page gets
 * an axe-core scan with no serious or critical violations.
 *
 * Skips, saying why, as test/e2e/subscriber-app.test.ts: when /usr/bin/chromium is missing or the
 * web build cannot be produced. The real server (src/server/main.ts) is started as a child
 * process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, stopServer } from '../helpers/spawn-server.ts';
import { browserSkipReason, launchChromium, ROOT, seriousAxeViolations, shoot } from './kit.ts';

const STATEMENT = join(ROOT, 'test', 'fixtures', 'statements', 'card-basic-sjis.csv');

const skipReason = await browserSkipReason('response web app tests');

describe.skipIf(skipReason !== null)(
  'guided response, evidence report and statement check in chromium',
  () => {
    let server: RunningServer | undefined;
    let url: string;
    let browser: Browser;
    let page: Page;
    let dir: string;
    let appServed = false;
    const email = `taro.${Date.now()}@example.jp`;
    const password = 'kumo-no-ue-de-odoru-Neko-2026!';

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-response-'));
      server = await startServer({ MAMORI_DB_FILE: join(dir, 'mamori.db') });
      url = server.url;
      // Without a session the response routes answer 401 (404 would mean they are not wired).
      expect((await fetch(`${url}/api/response/issuers`)).status).toBe(401);
      appServed = (await fetch(`${url}/app/`)).status === 200;
      expect(appServed, '/app/ must be served (web-app plugin and web/dist)').toBe(true);
      browser = await launchChromium();
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        locale: 'ja-JP',
        acceptDownloads: true,
      });
      page = await context.newPage();
      page.on('pageerror', (e) => console.error('[e2e] page error:', e.message));
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      if (server) await stopServer(server);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('signs up', async () => {
      await page.goto(`${url}/app/`);
      await page.getByRole('heading', { name: 'サインイン' }).waitFor();
      await page.getByRole('button', { name: 'はじめての方は新規登録' }).click();
      await page.getByLabel('メールアドレス').fill(email);
      await page.getByLabel('パスワード', { exact: true }).fill(password);
      await page.getByText('このパスワードは登録に使えます。').waitFor();
      await page.getByRole('button', { name: '登録する' }).click();
      await page.getByRole('heading', { name: /メッセージボックス/ }).waitFor();
    }, 60_000);

    it('困ったときは: entered_data with an issuer gives the card stop, #9110 and 188', async () => {
      await page.getByRole('link', { name: '困ったら' }).click();
      await page.getByRole('heading', { name: '困ったときは' }).waitFor();
      await shoot(page, 'respond');
      expect(await seriousAxeViolations(page, 'respond')).toEqual([]);
      await page.getByRole('button', { name: /カード番号やコードを入力してしまった/ }).click();
      await page.getByLabel('お使いのカード会社').selectOption('jcb');
      await page.getByRole('button', { name: 'やることを表示する' }).click();
      const cardStop = page.locator('[data-step="card_stop"]');
      await cardStop.waitFor();
      expect(await cardStop.locator('h2').textContent()).toContain('カードを止める');
      // The first step of this situation is the card stop, with a tap-to-call number.
      expect(await page.locator('.resp-steps > li').first().getAttribute('data-step')).toBe('card_stop');
      const tel = await cardStop.locator('a[href^="tel:"]').first().getAttribute('href');
      expect(tel).toMatch(/^tel:[0-9+]+$/);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain('#9110');
      expect(main).toContain('188');
      expect(await page.locator('[data-step="police"] a[href^="tel:"]').count()).toBeGreaterThan(0);
      await shoot(page, 'respond-checklist');
      // Long registry addresses wrap: nothing widens the page beyond a 375 px phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await seriousAxeViolations(page, 'respond-checklist')).toEqual([]);
    }, 60_000);

    it('marks a step done, kept in this browser with its time', async () => {
      const cardStop = page.locator('[data-step="card_stop"]');
      await cardStop.getByRole('button', { name: /済みにする/ }).click();
      await cardStop.getByText(/済み（/).waitFor();
      const stored = await page.evaluate(() => localStorage.getItem('mamori.response.done'));
      const parsed = JSON.parse(stored ?? '{}') as Record<string, { at: string }>;
      expect(Date.parse(parsed.card_stop?.at ?? '')).not.toBeNaN();
      // Still done after a reload.
      await page.reload();
      await page.getByRole('heading', { name: '困ったときは' }).waitFor();
      expect(await page.evaluate(() => localStorage.getItem('mamori.response.done'))).toBe(stored);
    }, 60_000);

    it('downloads the evidence report PDF', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '被害の記録（PDF）を作る' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^mamori-report-.*\.pdf$/);
      const path = await download.path();
      expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await page.getByText('保存しました。').waitFor();
    }, 60_000);

    it('明細チェック: a Shift_JIS statement shows flagged lines and the monthly chart', async () => {
      await page.getByRole('link', { name: '明細チェックを開く' }).click();
      await page.getByRole('heading', { name: '明細チェック' }).waitFor();
      await page.getByText('ほかのどこにも送られず').waitFor();
      await shoot(page, 'statement');
      expect(await seriousAxeViolations(page, 'statement')).toEqual([]);
      await page.getByLabel('カード明細またはキャリア決済の利用履歴（CSV）').setInputFiles(STATEMENT);
      await page.getByRole('button', { name: 'チェックする' }).click();
      await page.getByRole('heading', { name: 'チェックの結果' }).waitFor();
      expect(await page.locator('.resp-flagged-line').count()).toBeGreaterThan(0);
      expect(await page.locator('.resp-chart svg rect').count()).toBeGreaterThan(0);
      await shoot(page, 'statement-result');
      expect(await seriousAxeViolations(page, 'statement-result')).toEqual([]);
    }, 60_000);
  },
);
