/**
 * Properties from issue 3: any input is handled; lookalikes never score lower than the official
 * link they replace; an official link or number never makes a message phishing by itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMessage } from './index.ts';
import { checkResultSchema } from './result-schema.ts';

const officialLinks = [
  'https://www.docomo.ne.jp/info/',
  'https://www.au.com/support/',
  'https://www.softbank.jp/mobile/',
  'https://www.smbc-card.com/mem/index.jsp',
  'https://www.rakuten-card.co.jp/e-navi/',
  'https://paypay.ne.jp/help/',
];
/** Lookalikes of each official link above, in several dnstwist families. */
const lookalikesOf: Record<string, string[]> = {
  'https://www.docomo.ne.jp/info/': [
    'https://www.docomo-ne.jp/info/',
    'https://www.dcomo.ne.jp/info/',
    'https://www.docomo.jp/info/',
    'https://www.dоcomo.ne.jp/info/',
  ],
  'https://www.au.com/support/': [
    'https://www.au-kddi.com/support/',
    'https://www.au.com.support-login.top/support/',
  ],
  'https://www.softbank.jp/mobile/': [
    'https://www.sofftbank.jp/mobile/',
    'https://www.softbank-jp.com/mobile/',
  ],
  'https://www.smbc-card.com/mem/index.jsp': [
    'https://www.smbc-cards.com/mem/index.jsp',
    'https://www.smbccard.com/mem/index.jsp',
  ],
  'https://www.rakuten-card.co.jp/e-navi/': [
    'https://www.rakuten-card.jp/e-navi/',
    'https://www.rakuten-crad.co.jp/e-navi/',
  ],
  'https://paypay.ne.jp/help/': ['https://paypay-ne.jp/help/', 'https://paypey.ne.jp/help/'],
};

const fragments = [
  '【NTTドコモ】',
  '【au】',
  'ソフトバンクです。',
  '三井住友カード：',
  '楽天カードをご利用のお客様',
  'ご利用料金が確定しました。',
  'ご利用確認のお願い',
  '不正利用の可能性があります。',
  '本日中に',
  'アプリでご確認ください。',
  'パスワードを変更してください。',
  'お支払い方法を更新してください。',
  '至急',
  '\n',
  ' ',
  'こちら',
  '詳しくは',
  'お問い合わせは 0120-800-000 まで',
  '0120-524-360',
  '151',
  'カード番号をお尋ねすることはありません。',
];
const messageArb = fc
  .array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 8 })
  .map((p) => p.join(''));

describe('checker properties', () => {
  it('any Unicode input never throws and yields a schema-valid result', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.option(fc.string({ maxLength: 40 })),
        (text, sender) => {
          const r = checkMessage({ text, ...(sender ? { sender } : {}) });
          expect(checkResultSchema.safeParse(r).success).toBe(true);
          expect(r.reasons.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('replacing an official link by a lookalike never lowers the score', () => {
    fc.assert(
      fc.property(
        messageArb,
        messageArb,
        fc.constantFrom(...officialLinks),
        fc.nat(),
        (before, after, link, pick) => {
          const options = lookalikesOf[link] ?? [];
          const fake = options[pick % options.length] ?? link;
          const a = checkMessage({ text: `${before} ${link} ${after}` });
          const b = checkMessage({ text: `${before} ${fake} ${after}` });
          expect(b.score).toBeGreaterThanOrEqual(a.score);
          expect(b.verdict).not.toBe('no_signs');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('adding an official link or number never makes a message phishing by itself', () => {
    const additions = [...officialLinks, '0120-524-360', '0120-800-000', '0120-919-456'];
    fc.assert(
      fc.property(messageArb, fc.constantFrom(...additions), (text, addition) => {
        const base = checkMessage({ text });
        fc.pre(base.verdict !== 'phishing');
        const withOfficial = checkMessage({ text: `${text}\n${addition}` });
        expect(withOfficial.verdict).not.toBe('phishing');
      }),
      { numRuns: 400 },
    );
  });
});
