/**
 * End-to-end, in a real browser (issue 5: passkeys, "Sessions listed and revocable", the one-tap
 * lock and its step-up unlock): Debian's chromium with a Chrome DevTools Protocol virtual
 * authenticator (CTAP2, internal, resident keys, user verification) against the real server on a
 * fresh SQLite file. Sign up → forms refuse bad input with the server's schemas before sending →
 * add a passkey → sign out → sign in with the passkey (a cancelled ceremony first, which must say
 * so) → a second browser signs in with the password, the sessions page lists both, and ending the
 * other one makes that browser's next API call answer 401 (then 「他のすべてのセッションを終了」
 * does the same) → one-tap lock → sign in with the passkey → unlock with the passkey.
 * Screenshots at 375 px and 1280 px; an axe-core scan of every new page.
 *
 * WebAuthn needs a secure context and a registrable domain as the RP ID: http://127.0.0.1 is
 * secure but an IP address is no RP ID, so the browser uses http://localhost:<port>. The server
 * binds passkeys to PUBLIC_ORIGIN (src/server/main.ts), and its port is chosen by
 * test/helpers/spawn-server.ts, so a small pass-through proxy on a port chosen beforehand gives
 * the page that origin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningServer, startServer, stopServer } from '../helpers/spawn-server.ts';
import { browserSkipReason, launchChromium, seriousAxeViolations, shoot } from './kit.ts';

const skipReason = await browserSkipReason('passkey and sessions browser tests');

/** Forwards every request on `port` (127.0.0.1) to `target`, headers and cookies untouched. */
async function passThrough(port: number, target: URL): Promise<Server> {
  const proxy = createServer((req, res) => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  return proxy;
}

describe.skipIf(skipReason !== null)('passkeys and sessions in chromium', () => {
  let server: RunningServer;
  let proxy: Server;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;
  let other: BrowserContext;
  let otherPage: Page;
  let dir: string;
  const email = `yuki.${Date.now()}@example.jp`;
  const password = 'hoshi-zora-wo-kakeru-Usagi-2026!';

  /** An API call from a page, with that browser's own cookies: the status code. */
  const statusFrom = (p: Page, path: string) =>
    p.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).status, path);

  async function signInWithPassword(p: Page) {
    await p.goto(`${base}/app/sign-in`);
    await p.getByRole('heading', { name: 'サインイン' }).waitFor();
    await p.getByLabel('メールアドレス').fill(email);
    await p.getByLabel('パスワード', { exact: true }).fill(password);
    await p.getByRole('button', { name: 'サインイン', exact: true }).click();
    await p.getByRole('heading', { name: /メッセージボックス/ }).waitFor();
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-pk-'));
    const proxyPort = await freePort();
    base = `http://localhost:${proxyPort}`;
    server = await startServer({ MAMORI_DB_FILE: join(dir, 'mamori.db'), PUBLIC_ORIGIN: base });
    proxy = await passThrough(proxyPort, new URL(server.url));
    expect((await fetch(`${base}/app/`)).status, '/app/ must be served through the proxy').toBe(200);

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'ja-JP' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('[e2e] page error:', e.message));
    // A platform authenticator that holds discoverable credentials and verifies the user, as a
    // phone's fingerprint or face unlock would (https://chromedevtools.github.io/devtools-protocol/tot/WebAuthn/).
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));

    // The second browser: no authenticator, and (to see the message) no WebAuthn at all.
    other = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'ja-JP' });
    await other.addInitScript(() => {
      delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
    });
    otherPage = await other.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sign-up refuses bad input with the shared schema before sending, then signs up', async () => {
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/auth/sign-')) sent.push(r.url());
    });
    await page.goto(`${base}/app/`);
    await page.getByRole('heading', { name: 'サインイン' }).waitFor();
    await page.getByRole('button', { name: 'はじめての方は新規登録' }).click();
    await page.getByLabel('メールアドレス').fill('yuki@');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('メールアドレスの形式で入力してください（例：hanako@example.jp）。').waitFor();
    await page.getByText('パスワードを入力してください。').waitFor();
    expect(await page.getByLabel('メールアドレス').getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the first field in error, and nothing went to the server.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    expect(sent).toEqual([]);
    await shoot(page, 'pk-sign-up-errors');
    expect(await seriousAxeViolations(page, 'pk-sign-up-errors')).toEqual([]);

    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByText('このパスワードは登録に使えます。').waitFor();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('heading', { name: /メッセージボックス/ }).waitFor();
    expect(sent.filter((u) => u.includes('/api/auth/sign-up'))).toHaveLength(1);
  }, 60_000);

  it('adds a passkey from the security page (named, the name checked first)', async () => {
    await page.getByRole('link', { name: 'チェック' }).click();
    await page.getByRole('heading', { name: 'パスキー', exact: true }).waitFor();
    await page.getByText('パスキーはまだ登録されていません。').waitFor();
    const name = page.getByLabel('パスキーの名前');
    // A suggested name from this browser; an empty one is refused in words.
    expect(await name.inputValue()).toMatch(/Chrome/);
    await name.fill('   ');
    await page.getByRole('button', { name: 'パスキーを追加' }).click();
    await page.getByText('パスキーの名前を入力してください。').waitFor();
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toEqual([]);

    await name.fill('テスト用スマホ');
    await page.getByRole('button', { name: 'パスキーを追加' }).click();
    await page.getByText('パスキー「テスト用スマホ」を登録しました。').waitFor();
    const list = page.getByTestId('passkey-list');
    await list.getByText('テスト用スマホ').waitFor();
    expect(await list.textContent()).toContain('未使用');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ rpId: 'localhost', isResidentCredential: true });
    // Adding the same device again is refused by the browser (excludeCredentials), said plainly.
    await name.fill('もう一度');
    await page.getByRole('button', { name: 'パスキーを追加' }).click();
    await page.getByText('この端末のパスキーはすでに登録されています。').waitFor();
    await shoot(page, 'pk-security-passkeys');
    expect(await seriousAxeViolations(page, 'pk-security-passkeys')).toEqual([]);
  }, 60_000);

  it('signs out, then signs in with the passkey (a cancelled attempt says so)', async () => {
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByRole('heading', { name: 'サインイン' }).waitFor();
    // Signed out everywhere on the page: no tabs, no サインアウト left in the header.
    await expect.poll(() => page.getByRole('navigation', { name: 'メニュー' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'サインアウト' }).count()).toBe(0);
    // The person cancels (no user verification): nothing happens but a clear message.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await page.getByRole('button', { name: 'パスキーでサインイン' }).click();
    await page.getByText('パスキーの操作がキャンセルされたか、時間内に完了しませんでした。').waitFor();
    expect(await statusFrom(page, '/api/account/me')).toBe(401);
    await shoot(page, 'pk-sign-in-cancelled');
    expect(await seriousAxeViolations(page, 'pk-sign-in-cancelled')).toEqual([]);

    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    await page.getByRole('button', { name: 'パスキーでサインイン' }).click();
    await page.getByRole('heading', { name: /メッセージボックス/ }).waitFor();
    expect(await statusFrom(page, '/api/account/me')).toBe(200);
    await page.getByRole('link', { name: 'チェック' }).click();
    await page.getByTestId('passkey-list').getByText('テスト用スマホ').waitFor();
    expect(await page.getByTestId('passkey-list').textContent()).not.toContain('未使用');
  }, 60_000);

  it('a browser without WebAuthn is told so, and signs in with the password', async () => {
    await otherPage.goto(`${base}/app/sign-in`);
    await otherPage
      .getByText('このブラウザーはパスキーに対応していないため、パスキーは使えません。')
      .waitFor();
    expect(await otherPage.getByRole('button', { name: 'パスキーでサインイン' }).count()).toBe(0);
    await signInWithPassword(otherPage);
  }, 60_000);

  it('lists both sessions; ending the other one signs that browser out', async () => {
    await page.getByRole('link', { name: 'サインイン中の端末を確認する' }).click();
    await page.getByRole('heading', { name: 'サインイン中の端末' }).waitFor();
    const rows = page.getByTestId('session-list').locator('li');
    await expect.poll(() => rows.count()).toBe(2);
    const current = rows.filter({ hasText: 'この端末' });
    expect(await current.count()).toBe(1);
    expect(await page.getByTestId('session-list').textContent()).toMatch(/IPアドレス.*127\.0\.0\.1/);
    await shoot(page, 'pk-sessions');
    expect(await seriousAxeViolations(page, 'pk-sessions')).toEqual([]);

    expect(await statusFrom(otherPage, '/api/account/me')).toBe(200);
    await rows
      .filter({ hasNotText: 'この端末' })
      .getByRole('button', { name: /このセッションを終了/ })
      .click();
    await page.getByText('セッションを終了しました。').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await statusFrom(otherPage, '/api/account/me')).toBe(401);
    expect(await statusFrom(page, '/api/account/me')).toBe(200);
  }, 60_000);

  it('「他のすべてのセッションを終了」 ends every other session after a confirmation', async () => {
    await signInWithPassword(otherPage);
    await page.reload();
    const rows = page.getByTestId('session-list').locator('li');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('button', { name: '他のすべてのセッションを終了' }).click();
    await page.getByRole('alertdialog', { name: '他の1件のセッションを終了しますか？' }).waitFor();
    // Focus moves into the confirmation, onto its confirm button.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('終了する');
    await shoot(page, 'pk-sessions-end-others');
    expect(await seriousAxeViolations(page, 'pk-sessions-end-others')).toEqual([]);
    await page.getByRole('button', { name: '終了する' }).click();
    await page.getByText('他の1件のセッションを終了しました。').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await statusFrom(otherPage, '/api/notices')).toBe(401);
    expect(await statusFrom(otherPage, '/api/account/me')).toBe(401);
    // That browser's app goes back to sign-in on its next load.
    await otherPage.reload();
    await otherPage.getByRole('heading', { name: 'サインイン' }).waitFor();
  }, 60_000);

  it('one-tap lock, passkey sign-in, then unlock with the passkey', async () => {
    await page.getByRole('link', { name: '緊急ロック' }).click();
    await page.getByRole('button', { name: '今すぐロックする' }).click();
    await page.getByRole('button', { name: 'ロックする', exact: true }).click();
    await page.getByRole('heading', { name: 'サインイン' }).waitFor();
    await page.getByText('キャリア決済を停止し').waitFor();
    await page.getByRole('button', { name: 'パスキーでサインイン' }).click();
    await page.getByRole('heading', { name: 'ロック中です' }).waitFor();
    // No TOTP on this account: the passkey is the one way offered, and no code form.
    const unlock = page.getByRole('button', { name: 'パスキーでロック解除' });
    await unlock.waitFor();
    expect(await page.getByLabel('認証アプリの6桁の確認コードを入力してください。').count()).toBe(0);
    await shoot(page, 'pk-locked');
    expect(await seriousAxeViolations(page, 'pk-locked')).toEqual([]);

    // A cancelled unlock changes nothing and says so.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await unlock.click();
    await page.getByText('パスキーの操作がキャンセルされたか、時間内に完了しませんでした。').waitFor();
    expect(
      await page.evaluate(
        async () => ((await (await fetch('/api/account/lock')).json()) as { locked: boolean }).locked,
      ),
    ).toBe(true);

    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    await unlock.click();
    await page.getByText('ロックを解除し').waitFor();
    await page.getByRole('button', { name: '今すぐロックする' }).waitFor();
    expect(
      await page.evaluate(
        async () => ((await (await fetch('/api/account/lock')).json()) as { locked: boolean }).locked,
      ),
    ).toBe(false);
    await shoot(page, 'pk-unlocked');
  }, 90_000);

  it('the monthly limit is checked with the server’s schema before sending', async () => {
    const limit = page.getByLabel('上限（円）');
    await limit.fill('3万');
    await page.getByRole('button', { name: '設定する' }).click();
    await page.getByText('金額は円単位の数字で入力してください（例：30000）。').waitFor();
    await limit.fill('１２，０００');
    await page.getByRole('button', { name: '設定する' }).click();
    await page.getByText('現在の上限：12,000円').waitFor();
  }, 30_000);

  it('reads in English too: passkeys, field errors and the sessions page', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Checkup' }).click();
    await page.getByRole('heading', { name: 'Passkeys', exact: true }).waitFor();
    await page.getByLabel('Passkey name').fill('');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Give the passkey a name.').waitFor();
    await page.getByRole('link', { name: 'Review signed-in devices' }).click();
    await page.getByRole('heading', { name: 'Signed-in devices' }).waitFor();
    await page.getByText('This device', { exact: true }).waitFor();
    await page.getByRole('button', { name: /End this session/ }).waitFor();
    await shoot(page, 'pk-sessions-en');
    expect(await seriousAxeViolations(page, 'pk-sessions-en')).toEqual([]);
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { name: 'サインイン中の端末' }).waitFor();
  }, 30_000);
});
