import { describe, expect, it } from 'vitest';
import { merchantKey } from './flags/flag-rule.ts';
import { reviewStatement, StatementReviewer } from './statement-reviewer.ts';
import type { FlagCode, StatementLine } from './types.ts';

let n = 0;
function line(
  date: string,
  merchant: string,
  amount: number,
  extra: Partial<StatementLine> = {},
): StatementLine {
  const [d, time = null] = date.split(' ');
  return {
    line: ++n + 1,
    date: d as string,
    time,
    merchant,
    amount,
    currency: null,
    foreignAmount: null,
    category: null,
    note: null,
    ...extra,
  };
}
const codes = (lines: StatementLine[], options = {}) =>
  reviewStatement(lines, options).lines.map((l) => l.flags.map((f) => f.code));
const flagged = (lines: StatementLine[], code: FlagCode, options = {}) =>
  reviewStatement(lines, options)
    .lines.filter((l) => l.flags.some((f) => f.code === code))
    .map((l) => l.line);

describe('reviewStatement', () => {
  it('a small first charge at a new merchant is a test charge; the same at a known merchant is not', () => {
    n = 0;
    const lines = [
      line('2026-11-01', 'ヤマネコ運輸', 300),
      line('2026-11-02', 'ヤマネコ運輸', 300),
      line('2026-11-03', 'SHOP X', 5000),
    ];
    expect(codes(lines)).toEqual([['small_charge_new_merchant'], [], []]);
    expect(codes(lines, { knownMerchants: ['ﾔﾏﾈｺ運輸'] })).toEqual([[], [], []]);
  });

  it('three small charges at one merchant within a day are a burst, flagged from the third', () => {
    n = 0;
    const lines = [
      line('2026-11-01', 'COIN SHOP', 1000),
      line('2026-11-01', 'COIN SHOP', 2000),
      line('2026-11-01', 'COIN SHOP', 3000),
      line('2026-11-01', 'COIN SHOP', 2500),
      line('2026-11-02', 'COIN SHOP', 1000),
    ];
    const r = reviewStatement(lines, { lang: 'en' }).lines;
    expect(r.map((l) => l.flags.some((f) => f.code === 'small_charge_burst'))).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(r[2]?.flags.find((f) => f.code === 'small_charge_burst')?.message).toBe(
      '3 small charges at the same merchant within 24 hours (from line 2)',
    );
  });

  it('five small charges anywhere within an hour are a burst when the file gives times', () => {
    n = 0;
    const shops = ['A', 'B', 'C', 'D', 'E'].map((s, i) =>
      line(`2026-11-20 23:${10 + i * 10}`, `SHOP ${s}`, 800),
    );
    expect(flagged(shops, 'small_charge_burst')).toEqual([6]);
    n = 0;
    const spread = ['A', 'B', 'C', 'D', 'E'].map((s, i) => line(`2026-11-20 ${10 + i}:00`, `SHOP ${s}`, 800));
    expect(flagged(spread, 'small_charge_burst')).toEqual([]);
  });

  it('the same merchant, amount and date twice is a duplicate; another day or amount is not', () => {
    n = 0;
    const lines = [
      line('2026-11-03', 'STEAMGAMES.COM 4259522985', 5000),
      line('2026-11-03', 'steamgames.com 4259522986', 5000),
      line('2026-11-03', 'STEAMGAMES.COM', 4000),
      line('2026-11-04', 'STEAMGAMES.COM', 5000),
    ];
    const r = reviewStatement(lines, { lang: 'en' }).lines;
    expect(r.map((l) => l.flags.filter((f) => f.code === 'duplicate_charge').map((f) => f.message))).toEqual([
      [],
      ['Same merchant, amount and date as line 2: check it is not charged twice'],
      [],
      [],
    ]);
  });

  it('foreign currency, overseas words and country codes are foreign charges; refunds are not flagged', () => {
    n = 0;
    const lines = [
      line('2026-11-01', 'GLOBAL BOOKS LTD', 2431, { currency: 'USD', foreignAmount: 15.99 }),
      line('2026-11-01', 'ヤマネコ運輸', 1650, { currency: 'JPY' }),
      line('2026-11-02', 'PAYMENT SERVICE GBR', 3000),
      line('2026-11-02', '海外事務手数料', 60),
      line('2026-11-03', 'GLOBAL BOOKS LTD', -2431, { currency: 'USD' }),
    ];
    expect(flagged(lines, 'foreign_charge')).toEqual([2, 4, 5]);
    expect(
      reviewStatement(lines).lines[0]?.flags.find((f) => f.code === 'foreign_charge')?.message,
    ).toContain('(USD 15.99)');
  });

  it('a merchant charging the same amount two months running is a new subscription, flagged once', () => {
    n = 0;
    const lines = [
      line('2026-09-05', 'ミュージックアプリ', 1080),
      line('2026-09-06', 'コンビニ', 500),
      line('2026-09-20', 'コンビニ', 700),
      line('2026-10-05', 'ミュージックアプリ', 1080),
      line('2026-10-06', 'コンビニ', 520),
      line('2026-11-05', 'ミュージックアプリ', 1080),
    ];
    expect(flagged(lines, 'new_subscription')).toEqual([5]);
    expect(flagged(lines, 'new_subscription', { knownMerchants: ['ミュージックアプリ'] })).toEqual([]);
    n = 0;
    expect(flagged([line('2026-11-18', 'ウェザーニュース月額', 330)], 'new_subscription')).toEqual([2]);
  });

  it('gift cards, e-money and game credit are flagged by keyword in merchant, category or note', () => {
    n = 0;
    const lines = [
      line('2026-11-01', 'ｱﾏｿﾞﾝｷﾞﾌﾄｶｰﾄﾞ', 5000),
      line('2026-11-01', 'GOOGLE *Google Play', 3000),
      line('2026-11-01', 'ビットキャッシュ', 10000),
      line('2026-11-01', 'コンビニエンスＭ', 2000, { note: '電子マネーチャージ' }),
      line('2026-11-01', 'SPEEDY CLEANERS', 2000),
      line('2026-11-01', 'ヤマネコ運輸', 1650),
    ];
    const r = reviewStatement(lines, { lang: 'en' }).lines;
    expect(r.map((l) => l.flags.find((f) => f.code === 'abused_category')?.message ?? null)).toEqual([
      'gift cards ("ギフトカード") are often bought with stolen cards and resold: check that you bought it',
      'game or app-store credit ("GOOGLE PLAY") are often bought with stolen cards and resold: check that you bought it',
      'e-money top-ups ("ビットキャッシュ") are often bought with stolen cards and resold: check that you bought it',
      'e-money top-ups ("電子マネー") are often bought with stolen cards and resold: check that you bought it',
      null,
      null,
    ]);
  });

  it('a month far above the previous months is flagged on the line that takes it over, whatever the order', () => {
    const months = (order: 'asc' | 'desc') => {
      n = 0;
      const rows = [
        line('2026-08-01', 'スポーツクラブ', 3000),
        line('2026-09-01', 'スポーツクラブ', 3000),
        line('2026-10-01', 'スポーツクラブ', 4000),
        line('2026-11-01', 'スポーツクラブ', 3000),
        line('2026-11-02', 'ヤマダ電機', 9000),
        line('2026-11-03', 'ミナト電力', 5000),
      ];
      return order === 'asc' ? rows : rows.reverse();
    };
    const asc = reviewStatement(months('asc'), { lang: 'en' });
    expect(
      asc.lines.filter((l) => l.flags.some((f) => f.code === 'monthly_rise')).map((l) => l.date),
    ).toEqual(['2026-11-03']);
    expect(asc.lines[5]?.flags.find((f) => f.code === 'monthly_rise')?.message).toBe(
      'With this line, 2026-11 reaches ¥17,000, well above the ¥3,333 average of the 3 month(s) before',
    );
    expect(asc.summary.months.map((m) => [m.month, m.charges, m.rise])).toEqual([
      ['2026-08', 3000, false],
      ['2026-09', 3000, false],
      ['2026-10', 4000, false],
      ['2026-11', 17000, true],
    ]);
    const desc = reviewStatement(months('desc'));
    expect(desc.summary.months.find((m) => m.rise)?.month).toBe('2026-11');
    // Earlier months outside the file count too.
    n = 0;
    const single = [line('2026-11-01', 'ヤマダ電機', 40000)];
    expect(flagged(single, 'monthly_rise')).toEqual([]);
    expect(
      flagged(single, 'monthly_rise', { previousMonths: { '2026-10': 15000, '2026-09': 12000 } }),
    ).toEqual([2]);
  });

  it('summarises counts, totals, dates and flags; messages are Japanese by default', () => {
    n = 0;
    const r = reviewStatement([
      line('2026-11-01', 'ショップテスト', 100),
      line('2026-11-05', 'ヤマネコ運輸', -1650),
    ]);
    expect(r.summary).toMatchObject({
      lines: 2,
      flaggedLines: 1,
      charges: 100,
      refunds: -1650,
      firstDate: '2026-11-01',
      lastDate: '2026-11-05',
    });
    expect(r.summary.byCode.small_charge_new_merchant).toBe(1);
    expect(r.lines[0]?.flags[0]?.message).toMatch(/^初めての加盟店で 100円 の少額の請求です/);
  });

  it('keeps per-merchant memory bounded: an evicted merchant is simply new again', () => {
    const reviewer = new StatementReviewer({ maxMerchants: 100 });
    n = 0;
    for (let i = 0; i < 1000; i++) reviewer.review(line('2026-11-01', `SHOP ${i}`, 1200));
    expect(reviewer.review(line('2026-11-02', 'SHOP 0', 300)).flags.map((f) => f.code)).toEqual([
      'small_charge_new_merchant',
    ]);
    expect(reviewer.review(line('2026-11-02', 'SHOP 999', 300)).flags.map((f) => f.code)).toEqual([]);
  });
});

describe('merchantKey', () => {
  it('folds width, case, spaces and trailing transaction numbers', () => {
    expect(merchantKey('ｱﾏｿﾞﾝ  ﾏｰｹｯﾄﾌﾟﾚｲｽ')).toBe('アマゾン マーケットプレイス');
    expect(merchantKey('steamgames.com 4259522985')).toBe('STEAMGAMES.COM');
    expect(merchantKey('PAYPAL *AB12CD34')).toBe('PAYPAL');
    expect(merchantKey('7-ELEVEN')).toBe('7-ELEVEN');
  });
});
