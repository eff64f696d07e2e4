/**
 * abused_category: gift cards, prepaid cards, e-money top-ups and game or app-store credit —
 * what stolen cards and carrier-billing accounts are spent on, because they resell at once.
 * Matched on merchant, category and note by keyword (NFKC, so ｷﾞﾌﾄ is ギフト). Every such line is
 * flagged: each purchase is worth a look.
 */
import type { AbusedKind } from '../messages.ts';
import { type FlagRuleFactory, keywordMatcher } from './flag-rule.ts';

/** Checked in this order: 「AMAZONギフトカード チャージ」 is a gift card first. */
export const ABUSED_KEYWORDS: readonly { kind: AbusedKind; words: readonly string[] }[] = [
  {
    kind: 'gift_card',
    words: [
      'ギフトカード',
      'ギフトコード',
      'ギフト券',
      'ギフト',
      'GIFT',
      '商品券',
      'POSA',
      'バニラVISA',
      'VANILLA',
    ],
  },
  { kind: 'prepaid', words: ['プリペイド', 'PREPAID', 'Vプリカ', 'V-プリカ', 'プリカ'] },
  {
    kind: 'e_money',
    words: [
      '電子マネー',
      'WEBMONEY',
      'ウェブマネー',
      'BITCASH',
      'ビットキャッシュ',
      'NANACO',
      'EDY',
      'WAON',
      'チャージ',
    ],
  },
  {
    kind: 'game_credit',
    words: [
      'GOOGLE PLAY',
      'GOOGLEPLAY',
      'APP STORE',
      'APPSTORE',
      'APPLE.COM/BILL',
      'ITUNES',
      'STEAM',
      'PLAYSTATION',
      'NINTENDO',
      'ニンテンドー',
      'XBOX',
      'ゲーム',
      'GAME',
      'ガチャ',
      'アプリ内課金',
    ],
  },
];

const MATCHERS = ABUSED_KEYWORDS.map((k) => ({ kind: k.kind, match: keywordMatcher(k.words) }));

export function abusedKind(text: string): { kind: AbusedKind; keyword: string } | null {
  for (const m of MATCHERS) {
    const keyword = m.match(text);
    if (keyword !== null) return { kind: m.kind, keyword };
  }
  return null;
}

export const abusedCategory: FlagRuleFactory = () => ({
  check({ line, text }) {
    if (line.amount <= 0) return null;
    const found = abusedKind(text);
    return found === null ? null : { code: 'abused_category', ...found };
  },
});
