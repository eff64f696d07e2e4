/**
 * Built-in layouts, designed by us after the typical shapes of Japanese exports (not copied from
 * any issuer): a header row somewhere in the first lines, possibly below account details. The
 * reader picks the layout whose header matches the most columns; `--mapping FILE` replaces them.
 */
import { type StatementMapping, statementMappingSchema } from './mapping-schema.ts';

const raw = [
  {
    // 「ご利用日,ご利用店名,ご利用金額,支払区分,今回ご請求額,備考」
    id: 'card-basic-ja',
    description: 'card statement: ご利用日, ご利用店名, ご利用金額',
    kind: 'card',
    columns: {
      date: ['ご利用日', 'ご利用年月日'],
      merchant: ['ご利用店名', 'ご利用店名・商品名', 'ご利用先'],
      amount: ['ご利用金額', 'ご利用金額(円)'],
      currency: ['通貨', '通貨コード', '現地通貨'],
      foreignAmount: ['現地通貨額', '外貨金額'],
      category: ['支払区分', 'お支払区分'],
      note: ['備考', 'メモ'],
    },
  },
  {
    // 「利用日,利用店名・商品名,利用者,支払方法,利用金額,支払手数料,支払総額,…」
    id: 'card-detailed-ja',
    description:
      'card statement with card member and payment method: 利用日, 利用店名・商品名, 利用者, 支払方法, 利用金額',
    kind: 'card',
    columns: {
      date: ['利用日', '利用年月日'],
      merchant: ['利用店名・商品名', '利用店名', '利用先'],
      amount: ['利用金額', '利用金額(円)'],
      currency: ['通貨略称', '通貨', '現地通貨'],
      foreignAmount: ['現地通貨額', '外貨額'],
      category: ['支払方法', '利用区分'],
      note: ['備考', '摘要'],
    },
  },
  {
    // 「ご利用日時,ご利用サービス,ご利用金額,決済方法」
    id: 'carrier-billing-ja',
    description: 'carrier-billing history: ご利用日時, ご利用サービス, ご利用金額, 決済方法',
    kind: 'carrier_billing',
    columns: {
      date: ['ご利用日時', 'ご利用日', '利用日時'],
      merchant: ['ご利用サービス', 'ご利用サイト', 'サービス名', 'ご利用先'],
      amount: ['ご利用金額', '金額', 'ご利用金額(税込)'],
      category: ['決済方法', 'お支払方法'],
      note: ['ご利用内容', '内容', '備考'],
    },
  },
] as const;

export const BUILTIN_MAPPINGS: readonly StatementMapping[] = Object.freeze(
  raw.map((m) => Object.freeze(statementMappingSchema.parse(m))),
);
