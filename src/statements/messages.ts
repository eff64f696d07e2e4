/**
 * Every sentence the statement review shows a person, in Japanese (default) and English. Flags
 * and row errors carry a stable code; the message is rendered here from the code and its
 * parameters so the wording can change without changing what programs match on.
 */
import { formatYen } from './format-yen.ts';
import type { FlagCode, Lang, RowErrorCode } from './types.ts';

export type AbusedKind = 'gift_card' | 'e_money' | 'game_credit' | 'prepaid';

export type FlagParams =
  | { code: 'small_charge_new_merchant'; amount: number }
  | { code: 'small_charge_burst'; count: number; firstLine: number; sameMerchant: boolean; hours: number }
  | { code: 'duplicate_charge'; firstLine: number }
  | { code: 'foreign_charge'; currency: string | null; foreignAmount: number | null; keyword: string | null }
  | { code: 'new_subscription'; reason: 'recurring'; months: [string, string] }
  | { code: 'new_subscription'; reason: 'keyword'; keyword: string }
  | { code: 'abused_category'; kind: AbusedKind; keyword: string }
  | { code: 'monthly_rise'; month: string; monthTotal: number; baseline: number; months: number };

const KIND: Record<AbusedKind, Record<Lang, string>> = {
  gift_card: { ja: 'ギフトカード', en: 'gift cards' },
  e_money: { ja: '電子マネーのチャージ', en: 'e-money top-ups' },
  game_credit: { ja: 'ゲーム・アプリ内課金', en: 'game or app-store credit' },
  prepaid: { ja: 'プリペイドカード', en: 'prepaid cards' },
};

export function flagMessage(p: FlagParams, lang: Lang): string {
  const ja = lang === 'ja';
  switch (p.code) {
    case 'small_charge_new_merchant':
      return ja
        ? `初めての加盟店で ${formatYen(p.amount, lang)} の少額の請求です。カードが使えるか試す不正利用の手口に似ています。心当たりを確認してください`
        : `A small charge of ${formatYen(p.amount, lang)} at a merchant not seen before: fraudsters test a stolen card this way. Check that you made it`;
    case 'small_charge_burst':
      if (p.sameMerchant)
        return ja
          ? `同じ加盟店で少額の請求が ${p.hours} 時間以内に ${p.count} 件続いています (${p.firstLine} 行目から)`
          : `${p.count} small charges at the same merchant within ${p.hours} hours (from line ${p.firstLine})`;
      return ja
        ? `少額の請求が ${p.hours} 時間以内に ${p.count} 件続いています (${p.firstLine} 行目から)`
        : `${p.count} small charges within ${p.hours} hours (from line ${p.firstLine})`;
    case 'duplicate_charge':
      return ja
        ? `同じ日に同じ加盟店・同じ金額の請求があります (${p.firstLine} 行目と同じ)。二重請求でないか確認してください`
        : `Same merchant, amount and date as line ${p.firstLine}: check it is not charged twice`;
    case 'foreign_charge': {
      const what =
        p.currency !== null && p.foreignAmount !== null
          ? `${p.currency} ${p.foreignAmount}`
          : p.currency !== null
            ? p.currency
            : p.keyword;
      return ja
        ? `海外または外貨での利用です${what ? ` (${what})` : ''}。海外で使った覚えがなければカード会社に連絡してください`
        : `An overseas or foreign-currency charge${what ? ` (${what})` : ''}: if you did not use the card abroad, call the card issuer`;
    }
    case 'new_subscription':
      if (p.reason === 'recurring')
        return ja
          ? `${p.months[0]} と ${p.months[1]} に同じ金額で請求されている、新しい毎月の継続課金です。申し込んだ覚えがあるか確認してください`
          : `A new monthly charge: the same amount in ${p.months[0]} and ${p.months[1]}. Check that you signed up for it`;
      return ja
        ? `月額・継続課金の名前 (「${p.keyword}」) の初めての請求です。申し込んだ覚えがあるか確認してください`
        : `First charge from what looks like a subscription ("${p.keyword}"): check that you signed up for it`;
    case 'abused_category':
      return ja
        ? `${KIND[p.kind].ja} (「${p.keyword}」) は不正利用で換金に使われやすい種類です。自分で購入したか確認してください`
        : `${KIND[p.kind].en} ("${p.keyword}") are often bought with stolen cards and resold: check that you bought it`;
    case 'monthly_rise':
      return ja
        ? `${p.month} の利用額がこの行で ${formatYen(p.monthTotal, lang)} になり、それまで ${p.months} か月の平均 ${formatYen(p.baseline, lang)} を大きく超えました`
        : `With this line, ${p.month} reaches ${formatYen(p.monthTotal, lang)}, well above the ${formatYen(p.baseline, lang)} average of the ${p.months} month(s) before`;
  }
}

export type RowErrorParams =
  | { code: 'undecodable_line'; encoding: string }
  | { code: 'line_too_long'; limit: number }
  | { code: 'unclosed_quote'; lines: number }
  | { code: 'short_row'; cells: number; needed: number }
  | { code: 'missing_date' }
  | { code: 'invalid_date'; value: string }
  | { code: 'missing_year'; value: string }
  | { code: 'invalid_amount'; value: string };

export function rowErrorMessage(p: RowErrorParams, line: number, lang: Lang): string {
  const ja = lang === 'ja';
  const at = ja ? `${line} 行目: ` : `line ${line}: `;
  switch (p.code) {
    case 'undecodable_line':
      return `${at}${ja ? `${p.encoding} として読めない文字があります (ファイルの文字コードが混在しています)` : `bytes that are not valid ${p.encoding} (the file mixes encodings)`}`;
    case 'line_too_long':
      return `${at}${ja ? `${p.limit / 1024} KB を超える長い行です` : `longer than ${p.limit / 1024} KB`}`;
    case 'unclosed_quote':
      return `${at}${ja ? `引用符 (") が ${p.lines} 行以内に閉じていません` : `a quote (") is not closed within ${p.lines} lines`}`;
    case 'short_row':
      return `${at}${ja ? `列が ${p.cells} 個しかありません (${p.needed} 個必要)` : `only ${p.cells} columns (${p.needed} needed)`}`;
    case 'missing_date':
      return `${at}${ja ? '利用日が空です' : 'the date is empty'}`;
    case 'invalid_date':
      return `${at}${ja ? `利用日「${clip(p.value)}」を日付として読めません` : `"${clip(p.value)}" is not a date`}`;
    case 'missing_year':
      return `${at}${ja ? `利用日「${clip(p.value)}」に年がなく、ファイルからも年が分かりません (--year で指定してください)` : `the date "${clip(p.value)}" has no year and the file gives none (pass --year)`}`;
    case 'invalid_amount':
      return `${at}${ja ? `金額「${clip(p.value)}」を数として読めません` : `the amount "${clip(p.value)}" is not a number`}`;
  }
}

export function rowErrorCode(p: RowErrorParams): RowErrorCode {
  return p.code;
}

export function flagCode(p: FlagParams): FlagCode {
  return p.code;
}

/** Cell values in messages are cut short: a broken row can hold a whole file's worth of text. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
