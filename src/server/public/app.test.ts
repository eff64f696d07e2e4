/**
 * Smoke test of the page script with a tiny hand-made DOM (no browser or jsdom on this machine):
 * it posts what the person pasted, renders the verdict with textContent only, switches language,
 * and shows the server's error message.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

class FakeElement {
  tagName: string;
  id = '';
  className = '';
  hidden = false;
  disabled = false;
  value = '';
  files: unknown[] = [];
  href = '';
  rel = '';
  target = '';
  children: Array<FakeElement | string> = [];
  attributes = new Map<string, string>();
  listeners = new Map<string, (event: { preventDefault(): void }) => void>();
  private ownText = '';
  classList = {
    toggle: (name: string, on: boolean) => {
      const set = new Set(this.className.split(' ').filter(Boolean));
      if (on) set.add(name);
      else set.delete(name);
      this.className = [...set].join(' ');
    },
  };
  constructor(tagName: string) {
    this.tagName = tagName;
  }
  get textContent(): string {
    return this.ownText + this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  set textContent(value: string) {
    this.ownText = String(value);
    this.children = [];
  }
  set innerHTML(_v: string) {
    throw new Error('innerHTML must not be used');
  }
  append(...nodes: Array<FakeElement | string>) {
    this.children.push(...nodes);
  }
  replaceChildren(...nodes: Array<FakeElement | string>) {
    this.ownText = '';
    this.children = nodes;
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  addEventListener(type: string, fn: (event: { preventDefault(): void }) => void) {
    this.listeners.set(type, fn);
  }
  focus() {}
}

function makePage() {
  const ids = [
    'check-form',
    'text',
    'sender',
    'subject',
    'channel',
    'eml',
    'submit',
    'status',
    'result',
    'verdict-heading',
    'verdict-score',
    'verdict-summary',
    'reasons',
    'links-block',
    'links',
    'phones-block',
    'phones',
    'advice-block',
    'advice',
  ];
  const byId = new Map(ids.map((id) => [id, Object.assign(new FakeElement('div'), { id })]));
  (byId.get('result') as FakeElement).hidden = true;
  const i18n = Object.assign(new FakeElement('label'), {});
  i18n.setAttribute('data-i18n', 'textLabel');
  const langButtons = ['ja', 'en'].map((lang) => {
    const b = new FakeElement('button');
    b.setAttribute('data-lang', lang);
    return b;
  });
  const docListeners = new Map<string, () => void>();
  const documentStub = {
    documentElement: { lang: 'ja' },
    title: '',
    getElementById: (id: string) => byId.get(id) ?? null,
    createElement: (tag: string) => new FakeElement(tag),
    querySelectorAll: (selector: string) => (selector === '[data-i18n]' ? [i18n] : langButtons),
    addEventListener: (type: string, fn: () => void) => docListeners.set(type, fn),
  };
  const requests: Array<{ url: string; init: { headers: Record<string, string>; body: unknown } }> = [];
  let nextResponse: { ok: boolean; body: unknown } = { ok: true, body: {} };
  const fetchStub = async (url: string, init: { headers: Record<string, string>; body: unknown }) => {
    requests.push({ url, init });
    const { ok, body } = nextResponse;
    return { ok, json: async () => body };
  };
  const script = readFileSync(new URL('./app.js', import.meta.url), 'utf8');
  runInNewContext(script, { document: documentStub, fetch: fetchStub });
  docListeners.get('DOMContentLoaded')?.();
  const el = (id: string) => byId.get(id) as FakeElement;
  const submit = async () => {
    el('check-form').listeners.get('submit')?.({ preventDefault() {} });
    await new Promise((r) => setTimeout(r, 0));
  };
  return {
    el,
    i18n,
    langButtons,
    documentStub,
    requests,
    submit,
    respond: (ok: boolean, body: unknown) => {
      nextResponse = { ok, body };
    },
  };
}

const RESULT = {
  verdict: 'phishing',
  score: 92,
  brand: 'docomo',
  reasons: [
    {
      code: 'lookalike_domain',
      severity: 'high',
      message: '<img src=x onerror=alert(1)>',
      evidence: 'https://docomo-ryokin.top/pay',
    },
  ],
  links: [{ url: 'https://docomo-ryokin.top/pay', domain: 'docomo-ryokin.top', official: false }],
  phones: [{ number: '+81-120-800-000', official: true }],
  advice: [
    { message: 'My docomo アプリを自分で開いて確認してください', official_url: 'https://www.docomo.ne.jp/' },
  ],
};

describe('the page script', () => {
  it('asks for a message when nothing was pasted', async () => {
    const page = makePage();
    await page.submit();
    expect(page.requests).toHaveLength(0);
    expect(page.el('status').textContent).toBe('メッセージを貼り付けるか、.eml ファイルを選んでください。');
  });

  it('posts the message as JSON and renders the verdict, reasons, 公式/非公式 and advice as text', async () => {
    const page = makePage();
    page.el('text').value = '【NTTドコモ】未払いです';
    page.el('sender').value = ' NTTDOCOMO ';
    page.el('channel').value = 'sms';
    page.respond(true, RESULT);
    await page.submit();

    expect(page.requests).toHaveLength(1);
    const [request] = page.requests;
    expect(request?.url).toBe('/api/check?lang=ja');
    expect(request?.init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(String(request?.init.body))).toEqual({
      text: '【NTTドコモ】未払いです',
      sender: 'NTTDOCOMO',
      channel: 'sms',
    });

    expect(page.el('result').hidden).toBe(false);
    expect(page.el('result').className).toContain('verdict-phishing');
    expect(page.el('verdict-heading').textContent).toBe('フィッシングの可能性が高い');
    expect(page.el('verdict-score').textContent).toBe('危険度 92/100');
    expect(page.el('reasons').textContent).toContain('<img src=x onerror=alert(1)>'); // as text
    expect(page.el('links').textContent).toContain('非公式');
    expect(page.el('phones').textContent).toContain('公式');
    expect(page.el('advice').textContent).toContain('公式サイト: https://www.docomo.ne.jp/');
    expect(page.el('links-block').hidden).toBe(false);
  });

  it('never renders "安全" for no_signs', async () => {
    const page = makePage();
    page.el('text').value = 'お知らせ';
    page.respond(true, { ...RESULT, verdict: 'no_signs', score: 2, links: [], phones: [], advice: [] });
    await page.submit();
    expect(page.el('verdict-heading').textContent).toBe('不審な点は見つかりませんでした');
    expect(page.el('result').textContent).not.toContain('安全');
    expect(page.el('links-block').hidden).toBe(true);
  });

  it("shows the server's error message", async () => {
    const page = makePage();
    page.el('text').value = 'x';
    page.respond(false, { error: { code: 'rate_limited', message: 'しばらく待ってください' } });
    await page.submit();
    expect(page.el('status').textContent).toBe('しばらく待ってください');
    expect(page.el('status').className).toContain('error');
  });

  it('switches to English and asks again for English messages', async () => {
    const page = makePage();
    page.el('text').value = 'x';
    page.respond(true, RESULT);
    await page.submit();
    page.langButtons[1]?.listeners.get('click')?.({ preventDefault() {} });
    await new Promise((r) => setTimeout(r, 0));
    expect(page.documentStub.documentElement.lang).toBe('en');
    expect(page.i18n.textContent).toBe('Paste the message you received');
    expect(page.langButtons[1]?.getAttribute('aria-pressed')).toBe('true');
    expect(page.requests.at(-1)?.url).toBe('/api/check?lang=en');
    expect(page.el('verdict-heading').textContent).toBe('Likely phishing');
  });
});
