import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../checker/index.ts';
import { printable } from '../printable.ts';
import { checkOptionsSchema, EXIT_CODE_BY_VERDICT, formatReport } from './check.ts';

const phishing: CheckResult = {
  verdict: 'phishing',
  score: 92,
  brand: 'docomo',
  reasons: [
    {
      code: 'lookalike_domain',
      severity: 'high',
      message: 'リンク先 docomo-security.top はドコモの公式ドメインではありません',
      evidence: 'https://docomo-security.top/login',
    },
    { code: 'urgency', severity: 'medium', message: '期限を区切って急がせています', evidence: '本日中' },
  ],
  links: [
    { url: 'https://docomo-security.top/login', domain: 'docomo-security.top', official: false },
    { url: 'https://www.docomo.ne.jp/', domain: 'docomo.ne.jp', official: true },
  ],
  phones: [{ number: '+81-50-1234-5678', official: false }],
  advice: [
    { message: 'My docomo アプリを自分で開いて確認してください', official_url: 'https://www.docomo.ne.jp/' },
  ],
};

const noSigns: CheckResult = {
  verdict: 'no_signs',
  score: 3,
  brand: null,
  reasons: [
    { code: 'no_links_or_requests', severity: 'info', message: 'リンクや電話番号はありません', evidence: '' },
  ],
  links: [],
  phones: [],
  advice: [],
};

describe('formatReport', () => {
  it('renders the headline, reasons with severity and evidence, links and phones with 公式/非公式, advice', () => {
    expect(formatReport(phishing, 'ja')).toBe(
      [
        '判定: フィッシングの可能性が高い (92/100)',
        '名乗っている会社: docomo',
        '',
        '理由:',
        '  [高] リンク先 docomo-security.top はドコモの公式ドメインではありません',
        '      該当箇所: https://docomo-security.top/login',
        '  [中] 期限を区切って急がせています',
        '      該当箇所: 本日中',
        '',
        'リンク:',
        '  [非公式] https://docomo-security.top/login (docomo-security.top)',
        '  [公式] https://www.docomo.ne.jp/ (docomo.ne.jp)',
        '',
        '電話番号:',
        '  [非公式] +81-50-1234-5678',
        '',
        'どうすればよいか:',
        '  ・My docomo アプリを自分で開いて確認してください',
        '    公式サイト: https://www.docomo.ne.jp/',
        '',
      ].join('\n'),
    );
  });

  it('has an English version', () => {
    const text = formatReport(phishing, 'en');
    expect(text).toMatch(/^Verdict: likely phishing \(92\/100\)\n/);
    expect(text).toContain('[HIGH] ');
    expect(text).toContain('[NOT official] https://docomo-security.top/login');
    expect(text).toContain('What to do:');
  });

  it('never calls a message safe', () => {
    for (const lang of ['ja', 'en'] as const) {
      const text = formatReport(noSigns, lang);
      expect(text).not.toMatch(/安全|\bsafe\b/i);
    }
    expect(formatReport(noSigns, 'ja')).toMatch(/^判定: 不審な点は見つかりませんでした \(3\/100\)/);
  });

  it('neutralises terminal escapes and bidi overrides from message data', () => {
    const evil: CheckResult = {
      ...noSigns,
      reasons: [{ code: 'x', severity: 'low', message: 'a\u001b[2Jb', evidence: 'moc.\u202eevil' }],
    };
    const text = formatReport(evil, 'ja');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('a\\u{001b}[2Jb');
    expect(printable('ok テキスト')).toBe('ok テキスト');
  });
});

describe('check options', () => {
  it('maps verdicts to the contract exit codes', () => {
    expect(EXIT_CODE_BY_VERDICT).toEqual({ no_signs: 0, suspicious: 1, phishing: 3 });
  });

  it('rejects contradictory flags with a readable message', () => {
    const r = checkOptionsSchema.safeParse({ text: ['x'], eml: 'a.eml' });
    expect(r.success).toBe(false);
    expect(checkOptionsSchema.safeParse({ batch: 'in.jsonl', sender: 'x' }).success).toBe(false);
    expect(checkOptionsSchema.safeParse({ batch: 'in.jsonl', out: 'o.jsonl', lang: 'en' }).success).toBe(
      true,
    );
  });
});
