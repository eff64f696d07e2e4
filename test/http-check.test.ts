/**
 * End-to-end tests of the HTTP server (../shared/contracts/checker.md "HTTP"; issue 3 "Bad
 * input" and the `npm start` requirements), through app.inject: nothing listens.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from './helpers/server.ts';

const PHISHING_SMS =
  '【NTTドコモ】ご利用料金が未払いです。本日中に https://docomo-ryokin.top/pay でお支払いください';

const EML = [
  'From: "NTTドコモ" <info@docomo-ryokin.top>',
  'To: you@example.jp',
  'Subject: =?UTF-8?B?44CQ6YeN6KaB44CR44GU5Yip55So5paZ6YeR44Gu44GK5pSv5omV44GE?=',
  'Date: Tue, 24 Nov 2026 10:15:00 +0900',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=UTF-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'ご利用料金が未払いです。本日中に下記よりお支払いください。',
  'https://docomo-ryokin.top/pay',
  '',
].join('\r\n');

const CONTRACT_FIELDS = ['advice', 'brand', 'links', 'phones', 'reasons', 'score', 'verdict'];

function expectErrorShape(body: unknown, code: string): void {
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  const message = (body as { error: { message: string } }).error.message;
  expect(message.length).toBeGreaterThan(0);
  expect(message).not.toMatch(/\n\s+at |node_modules|FST_/);
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await testServer();
});
afterAll(async () => {
  await app.close();
});

describe('POST /api/check', () => {
  it('checks a JSON message and returns the result object with every contract field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      payload: { text: PHISHING_SMS, channel: 'sms', sender: 'NTTDOCOMO' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(CONTRACT_FIELDS);
    expect(['phishing', 'suspicious', 'no_signs']).toContain(body.verdict);
    expect((body.reasons as unknown[]).length).toBeGreaterThan(0);
  });

  it('accepts a subject and ignores unknown fields', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      payload: { text: 'お知らせ', subject: '件名', extra: 1 },
    });
    expect(res.statusCode).toBe(200);
  });

  it('accepts media types with parameters and in any case', async () => {
    const cases: Array<[string, string]> = [
      ['application/json; charset=utf-8', JSON.stringify({ text: 'お知らせ' })],
      ['message/rfc822; charset=utf-8', 'From: a@b.example\r\nSubject: x\r\n\r\nhello\r\n'],
      ['Message/RFC822', 'From: a@b.example\r\nSubject: x\r\n\r\nhello\r\n'],
    ];
    for (const [type, payload] of cases) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/check',
        headers: { 'content-type': type },
        payload,
      });
      expect(res.statusCode, type).toBe(200);
    }
  });

  it('accepts ?lang=en', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check?lang=en',
      payload: { text: PHISHING_SMS },
    });
    expect(res.statusCode).toBe(200);
  });

  it('400 for an unknown lang', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/check?lang=fr', payload: { text: 'x' } });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'invalid_request');
  });

  it('400 for a body that is not JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": "本文',
    });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'invalid_json');
    // The parser's message quotes the body; ours does not.
    expect(res.body).not.toContain('本文');
  });

  it('400 for an empty JSON body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'empty_body');
  });

  it('400 for missing, empty or non-string text, a bad channel, and a non-object', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ sender: 'x' }, /^text: /],
      [{ text: '' }, /^text: .*empty/],
      [{ text: '   ' }, /^text: .*empty/],
      [{ text: 42 }, /^text: /],
      [{ text: 'x', channel: 'fax' }, /^channel: /],
      [[1, 2], /JSON object/],
      ['"just a string"', /JSON object/],
    ];
    for (const [payload, message] of cases) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/check',
        headers: { 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json();
      expectErrorShape(body, 'invalid_request');
      expect(body.error.message).toMatch(message);
    }
  });

  it('400 for an empty raw e-mail', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { 'content-type': 'message/rfc822' },
      payload: '',
    });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'empty_input');
  });

  it('415 for an unsupported content type, text/plain included', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'image/png']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/check',
        headers: { 'content-type': type },
        payload: 'text=hello',
      });
      expect(res.statusCode, type).toBe(415);
      expectErrorShape(res.json(), 'unsupported_media_type');
    }
  });

  it('answers errors in English with ?lang=en', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check?lang=en',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(res.json().error.message).toMatch(/^Unsupported content type/);
  });

  it('404 in the same error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expectErrorShape(res.json(), 'not_found');
  });
});

describe('limits', () => {
  it('413 for a body over BODY_LIMIT, JSON and raw e-mail alike', async () => {
    const small = await testServer({ BODY_LIMIT: '1024' });
    try {
      const json = await small.inject({
        method: 'POST',
        url: '/api/check',
        payload: { text: 'あ'.repeat(2000) },
      });
      expect(json.statusCode).toBe(413);
      expectErrorShape(json.json(), 'body_too_large');

      const eml = await small.inject({
        method: 'POST',
        url: '/api/check',
        headers: { 'content-type': 'message/rfc822' },
        payload: `${EML}${'x'.repeat(2000)}`,
      });
      expect(eml.statusCode).toBe(413);
      expectErrorShape(eml.json(), 'body_too_large');
    } finally {
      await small.close();
    }
  });

  it('the default limit is 1 MiB', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      payload: { text: 'a'.repeat(1024 * 1024) },
    });
    expect(res.statusCode).toBe(413);
  });

  it('429 after RATE_LIMIT_MAX requests a minute from one IP, in the error shape', async () => {
    const limited = await testServer({ RATE_LIMIT_MAX: '3' });
    try {
      for (let i = 0; i < 3; i++) {
        const ok = await limited.inject({
          method: 'POST',
          url: '/api/check',
          payload: { text: `お知らせ ${i}` },
        });
        expect(ok.statusCode).toBe(200);
      }
      const res = await limited.inject({ method: 'POST', url: '/api/check', payload: { text: 'お知らせ' } });
      expect(res.statusCode).toBe(429);
      expectErrorShape(res.json(), 'rate_limited');
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');

      // Another client is not affected; the page and health check are never limited.
      const other = await limited.inject({
        method: 'POST',
        url: '/api/check',
        remoteAddress: '192.0.2.7',
        payload: { text: 'お知らせ' },
      });
      expect(other.statusCode).toBe(200);
      expect((await limited.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('security headers', () => {
  it('are on every response: API, page, errors', async () => {
    const responses = await Promise.all([
      app.inject({ method: 'GET', url: '/' }),
      app.inject({ method: 'GET', url: '/app.js' }),
      app.inject({ method: 'GET', url: '/healthz' }),
      app.inject({ method: 'GET', url: '/nope' }),
      app.inject({ method: 'POST', url: '/api/check', payload: { text: 'x' } }),
      app.inject({ method: 'POST', url: '/api/check', payload: {} }),
    ]);
    for (const res of responses) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('the page and health check', () => {
  it('GET /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET / serves the Japanese page with its external script and style', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain('届いたメッセージを貼り付けてください');
    expect(html).toContain('確認する');
    expect(html).toMatch(/<label for="text"/);
    expect(html).toMatch(/<textarea id="text"/);
    expect(html).toMatch(/<input id="eml"[^>]*type="file"/);
    expect(html).toMatch(/<input id="sender"/);
    expect(html).toMatch(/<input id="subject"/);
    expect(html).toContain('<script src="/app.js" defer></script>');
    expect(html).toContain('<link rel="stylesheet" href="/app.css">');
    expect(html).not.toMatch(/<script>|<style>|style="|onclick=/); // nothing inline: the CSP forbids it
    expect(html).not.toContain('安全');

    const js = await app.inject({ method: 'GET', url: '/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toContain('/api/check');
    expect(js.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    expect(js.body).not.toContain('安全');

    const css = await app.inject({ method: 'GET', url: '/app.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });
});

describe('with the real checker', () => {
  // These hold once src/checker/index.ts is the real analysis (the placeholder always answers
  // "suspicious" with a placeholder reason, and has no parseEmail yet).
  it('a blatant phishing SMS is phishing, with the link marked not official', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/check', payload: { text: PHISHING_SMS } });
    const body = res.json();
    expect(body.verdict).toBe('phishing');
    expect(body.brand).toBe('docomo');
    expect(body.links).toContainEqual(
      expect.objectContaining({ domain: 'docomo-ryokin.top', official: false }),
    );
    expect(body.reasons[0].message).toMatch(/[ぁ-んァ-ン一-龥]/); // Japanese by default
  });

  it('?lang=en gives English reason messages', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check?lang=en',
      payload: { text: PHISHING_SMS },
    });
    const body = res.json();
    expect(body.verdict).toBe('phishing');
    const ja = (
      await app.inject({ method: 'POST', url: '/api/check', payload: { text: PHISHING_SMS } })
    ).json();
    // English sentences (they may quote Japanese evidence), different from the Japanese ones.
    for (const reason of body.reasons) expect(reason.message).toMatch(/[A-Za-z]{3,} [A-Za-z]{2,}/);
    expect(body.reasons[0].message).not.toBe(ja.reasons[0].message);
  });

  it('checks a raw e-mail sent as message/rfc822', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { 'content-type': 'message/rfc822' },
      payload: Buffer.from(EML),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(CONTRACT_FIELDS);
    expect(body.verdict).toBe('phishing');
  });

  it('400 for a broken raw e-mail', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { 'content-type': 'message/rfc822' },
      payload: Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toMatch(/^[a-z_]+$/);
  });
});
