/**
 * End-to-end, in a real browser (issue 5 "Subscribers"): Debian's chromium driven by
 * playwright-core against the real server (src/server/main.ts) on a fresh SQLite file, one page at
 * 375 px, in the order: sign up → enrol TOTP → a simulated account takeover, posted by the
 * operator to POST /v1/events, puts notices in the message box → a pasted phishing SMS is checked →
 * 利用履歴: 「身に覚えがない」 on one of the attacker's charges locks the account → unlock with a
 * TOTP code; then the one-tap emergency lock and its TOTP unlock, and the English switch.
 * Screenshots at 375 px and 1280 px go to test/e2e/screenshots/ (not committed); every page gets an
 * axe-core scan with no serious or critical violations.
 *
 * Skips, saying why, when /usr/bin/chromium is missing or the web build cannot be produced. The
 * server must serve /app/ and the subscriber routes itself: the test fails when either is missing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { type RunningServer, startServer, stopServer } from '../helpers/spawn-server.ts';
import { browserSkipReason, launchChromium, seriousAxeViolations, shoot } from './kit.ts';

const skipReason = await browserSkipReason('subscriber web app tests');

/** A notice reference as src/notices issues it and the message box shows it. */
const NOTICE_REF = /^N-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

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

interface DecisionOut {
  event: string | null;
  decision?: 'allow' | 'challenge' | 'hold' | 'lock';
  notice?: string | null;
  case?: string | null;
  error?: { code: string; message: string };
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

// Devices and networks of the story (contract events.md "Event"); addresses from the
// documentation ranges (RFC 5737).
const OWN_PHONE = { id: 'dev_hanako_iphone', platform: 'ios' } as const;
const HOME_NETWORK = { ip: '192.0.2.41', country: 'JP', asn: 2516, kind: 'mobile' } as const;
const ATTACKER_PC = {
  id: 'dev_unknown_pc_7f3a',
  platform: 'pc',
  ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
} as const;
const ATTACKER_NETWORK = { ip: '203.0.113.77', country: 'VN', asn: 63949, kind: 'hosting' } as const;
const GIFT_CARD = { id: 'm_giftcard_store', name: 'ギフトカードストア', category: 'gift_card' } as const;
const E_MONEY = { id: 'm_emoney_charge', name: '電子マネーチャージ', category: 'e_money' } as const;
const MUSIC = { id: 'm_music', name: '音楽配信', category: 'subscription' } as const;

describe.skipIf(skipReason !== null)('subscriber web app in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let dbFile: string;
  const email = `hanako.${Date.now()}@example.jp`;
  const password = 'kumo-no-ue-de-odoru-Neko-2026!';
  let nextCode: () => Promise<string>;
  /** The subscriber's engine account (GET /api/account/me) and the operator's API key. */
  let account = '';
  let apiKey = '';

  /** The operator's POST /v1/events, as a carrier's billing system would call it. */
  async function postEvents(events: object[]): Promise<DecisionOut[]> {
    const res = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    return (JSON.parse(text) as { decisions: DecisionOut[] }).decisions;
  }

  /** A subscriber API call with the browser's own session cookie. */
  async function apiAsSubscriber<T>(path: string): Promise<T> {
    const res = await page.request.get(`${server.url}${path}`);
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-'));
    dbFile = join(dir, 'mamori.db');
    server = await startServer({ MAMORI_DB_FILE: dbFile });
    expect((await fetch(`${server.url}/app/`)).status, '/app/ must be served by the server').toBe(200);
    // Without a session a wired subscriber route answers 401; an absent one 404.
    expect(
      (await fetch(`${server.url}/api/account/lock`)).status,
      'subscriber routes must be registered',
    ).toBe(401);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'ja-JP' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('[e2e] page error:', e.message));
  }, 120_000);

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

  it('a simulated account takeover puts a notice with its reference in the message box', async () => {
    account =
      (await apiAsSubscriber<{ user: { account: string | null } }>('/api/account/me')).user.account ?? '';
    expect(account).not.toBe('');
    // The operator's key, made as an operator would: `mamori keys create` on the server's database.
    const created = await runCli(['keys', 'create', '--name', 'e2e-billing'], {
      env: { MAMORI_DB_FILE: dbFile },
    });
    expect(created.code, created.stderr).toBe(0);
    apiKey = created.stdout.trim();
    expect(apiKey).toMatch(/^mk_/);

    const before = await apiAsSubscriber<{ notices: Array<{ ref: string }>; unread: number }>('/api/notices');
    const attacker = { account, device: ATTACKER_PC, network: ATTACKER_NETWORK };
    // Two days of the subscriber's own use (her phone on a Japanese mobile network), then the
    // takeover of the last quarter hour: a sign-in from an unknown PC on a hosting network abroad,
    // a look at the registered card, gift-card and e-money charges to the phone bill, and the
    // e-mail address changed so the billing mails go elsewhere. (The contact change comes after
    // the charges: before them, security_change_then_card locks at the first charge, and the
    // 「身に覚えがない」 step below could not show that the subscriber's report is what locks.)
    const decisions = await postEvents([
      {
        id: 'own-login-1',
        type: 'login',
        result: 'success',
        method: 'passkey',
        at: minutesAgo(2 * 24 * 60),
        account,
        device: OWN_PHONE,
        network: HOME_NETWORK,
      },
      {
        id: 'own-charge-1',
        type: 'charge',
        amount: 980,
        merchant: MUSIC,
        funding: 'phone_bill',
        at: minutesAgo(2 * 24 * 60 - 10),
        account,
        device: OWN_PHONE,
        network: HOME_NETWORK,
      },
      {
        id: 'atk-login',
        type: 'login',
        result: 'success',
        method: 'password',
        at: minutesAgo(14),
        ...attacker,
      },
      { id: 'atk-card-view', type: 'card_view', at: minutesAgo(12), ...attacker },
      {
        id: 'atk-gift-card',
        type: 'charge',
        amount: 3000,
        merchant: GIFT_CARD,
        funding: 'phone_bill',
        at: minutesAgo(9),
        ...attacker,
      },
      {
        id: 'atk-e-money',
        type: 'charge',
        amount: 5000,
        merchant: E_MONEY,
        funding: 'phone_bill',
        at: minutesAgo(7),
        ...attacker,
      },
      { id: 'atk-email', type: 'contact_change', field: 'email', at: minutesAgo(5), ...attacker },
    ]);
    expect(decisions.filter((d) => d.error)).toEqual([]);
    const byId = new Map(decisions.map((d) => [d.event, d]));
    expect(byId.get('own-charge-1')?.decision).toBe('allow');
    expect(byId.get('atk-login')?.decision).not.toBe('allow');
    // The cash-out is stopped: held (or worse) until the subscriber confirms.
    for (const id of ['atk-gift-card', 'atk-e-money'])
      expect(['hold', 'lock']).toContain(byId.get(id)?.decision);
    const noticeRefs = decisions.flatMap((d) => (d.notice ? [d.notice] : []));
    for (const ref of noticeRefs) expect(ref).toMatch(NOTICE_REF);
    const loginNotice = byId.get('atk-login')?.notice ?? '';
    expect(loginNotice).toMatch(NOTICE_REF);
    expect(before.notices.map((n) => n.ref)).not.toContain(loginNotice);

    // The message box shows every new notice, unread, with its reference.
    await page.getByRole('link', { name: 'メッセージ', exact: true }).click();
    const heading = page.getByRole('heading', { level: 1, name: /メッセージボックス/ });
    await heading.waitFor();
    const notices = page.getByRole('article');
    await notices.filter({ hasText: loginNotice }).waitFor();
    for (const ref of new Set(noticeRefs)) {
      await expect(notices.filter({ hasText: ref }).getByText(NOTICE_REF).textContent()).resolves.toBe(ref);
    }
    const unreadBefore = before.unread + new Set(noticeRefs).size;
    await expect(heading.textContent()).resolves.toMatch(new RegExp(`未読\\s*${unreadBefore}$`));

    const notice = notices.filter({ hasText: loginNotice });
    await expect(notice.getByText(NOTICE_REF).textContent()).resolves.toBe(loginNotice);
    const body = (await notice.textContent()) ?? '';
    // About the detected sign-in, with no link in it (src/notices/notice-safety.ts).
    expect(body).toContain('ログインがありました');
    expect(body).toContain('いつもと異なるご利用');
    expect(await notice.getByRole('link').count()).toBe(0);
    await expect(notice.getByText('未読', { exact: true }).count()).resolves.toBe(1);
    // The held charges have their own notices.
    expect(await notices.filter({ hasText: 'お支払いを一時保留しました' }).count()).toBeGreaterThanOrEqual(1);
    await shoot(page, 'attack-notices');
    expect(await seriousAxeViolations(page, 'attack-notices')).toEqual([]);

    // Open it (read it): the unread mark goes, the count drops by one.
    await notice.getByRole('button', { name: '既読にする' }).click();
    await notice.getByText('既読', { exact: true }).waitFor();
    expect(await notice.getByRole('button', { name: '既読にする' }).count()).toBe(0);
    await expect.poll(() => heading.textContent()).toMatch(new RegExp(`未読\\s*${unreadBefore - 1}$`));
    await shoot(page, 'attack-notice-read');
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

  it('activity: 「身に覚えがない」 on an attacker charge locks the account and shows the next steps', async () => {
    await page.getByRole('link', { name: '利用履歴' }).click();
    await page.getByRole('heading', { level: 1, name: '利用履歴' }).waitFor();
    await page.getByText('1日ごとの利用金額').waitFor();
    const charges = page.getByRole('region', { name: 'お支払い' }).getByRole('listitem');
    const giftCard = charges.filter({ hasText: GIFT_CARD.name });
    const eMoney = charges.filter({ hasText: E_MONEY.name });
    await giftCard.waitFor();
    // The attacker's charges are listed as held; the subscriber's own one went through.
    await expect(giftCard.textContent()).resolves.toContain('3,000円');
    await giftCard.getByText('保留中').waitFor();
    await expect(eMoney.textContent()).resolves.toContain('5,000円');
    await eMoney.getByText('保留中').waitFor();
    await charges.filter({ hasText: MUSIC.name }).getByText('完了').waitFor();
    await shoot(page, 'activity');
    expect(await seriousAxeViolations(page, 'activity')).toEqual([]);
    expect((await apiAsSubscriber<{ locked: boolean }>('/api/account/lock')).locked).toBe(false);

    await giftCard.getByRole('button', { name: '身に覚えがない' }).click();
    const confirm = giftCard.getByRole('group', {
      name: 'この利用に身に覚えがないことを報告します。よろしいですか？',
    });
    await confirm.waitFor();
    await shoot(page, 'not-me-confirm');
    const reported = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/account/not-me' && r.request().method() === 'POST',
    );
    await confirm.getByRole('button', { name: '報告する' }).click();
    const answer = (await (await reported).json()) as {
      locked: boolean;
      responseSituation: string;
      decision: { decision: string; notice: string | null };
    };
    expect(answer.locked).toBe(true);
    expect(answer.decision.decision).toBe('lock');
    expect(answer.responseSituation).toBe('unknown_charge');

    // The app says billing is stopped and lists what to do next.
    const steps = page.getByRole('region', { name: '次にすること' });
    await steps.waitFor();
    await expect(steps.getByRole('status').textContent()).resolves.toContain('キャリア決済を停止し');
    expect(await steps.getByRole('listitem').count()).toBeGreaterThanOrEqual(3);
    await shoot(page, 'not-me-next-steps');
    expect(await seriousAxeViolations(page, 'not-me-next-steps')).toEqual([]);

    // Locked for the subscriber's app and for the operator's billing: the next charge is refused.
    const lock = await apiAsSubscriber<{ locked: boolean; canUnlock: boolean }>('/api/account/lock');
    expect(lock).toMatchObject({ locked: true, canUnlock: true });
    const [next] = await postEvents([
      {
        id: 'atk-e-money-2',
        type: 'charge',
        amount: 5000,
        merchant: E_MONEY,
        funding: 'phone_bill',
        at: new Date().toISOString(),
        account,
        device: ATTACKER_PC,
        network: ATTACKER_NETWORK,
      },
    ]);
    expect(next?.decision).toBe('lock');

    // The next steps link to the guided response for the situation the report named (困ったときは).
    await steps.getByRole('link', { name: 'カード停止や相談窓口の手順を開く' }).click();
    await page.getByRole('heading', { level: 1, name: '困ったときは' }).waitFor();
    const situation = page.getByRole('button', { name: /身に覚えのない請求がある/ });
    expect(await situation.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'やることを表示する' }).click();
    await page.getByRole('heading', { name: 'やること（身に覚えのない請求がある）' }).waitFor();
    await shoot(page, 'not-me-respond');
    expect(await seriousAxeViolations(page, 'not-me-respond')).toEqual([]);
  }, 60_000);

  it('shows the lock from the report and lifts it with a TOTP code', async () => {
    await page.getByRole('link', { name: '緊急ロック' }).click();
    await page.getByRole('heading', { name: 'ロック中です' }).waitFor();
    await shoot(page, 'locked-not-me');
    expect(await seriousAxeViolations(page, 'locked-not-me')).toEqual([]);
    await page.getByLabel('認証アプリの6桁の確認コードを入力してください。').fill(await nextCode());
    await page.getByRole('button', { name: '解除する' }).click();
    await page.getByText('ロックを解除し').waitFor();
    await page.getByRole('button', { name: '今すぐロックする' }).waitFor();
    expect((await apiAsSubscriber<{ locked: boolean }>('/api/account/lock')).locked).toBe(false);
    // Billing is back for the subscriber's own use.
    const [own] = await postEvents([
      {
        id: 'own-charge-2',
        type: 'charge',
        amount: 980,
        merchant: MUSIC,
        funding: 'phone_bill',
        at: new Date().toISOString(),
        account,
        device: OWN_PHONE,
        network: HOME_NETWORK,
      },
    ]);
    expect(own?.decision).not.toBe('lock');
  }, 120_000);

  it('locks with one tap (and a confirmation), then unlocks with a TOTP code', async () => {
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
