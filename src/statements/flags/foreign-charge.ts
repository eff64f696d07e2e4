/**
 * foreign_charge: a charge in a foreign currency or at an overseas merchant. Stolen card numbers
 * are mostly used abroad and online; a person who has not travelled can dismiss nothing here.
 */
import { type FlagRuleFactory, keywordMatcher } from './flag-rule.ts';

const OVERSEAS_WORDS = keywordMatcher([
  '海外',
  '外貨',
  '国外',
  'OVERSEAS',
  'FOREIGN',
  // ISO 4217 codes as printed in merchant names: 「STEAM USD 19.99」
  'USD',
  'EUR',
  'GBP',
  'CNY',
  'RMB',
  'KRW',
  'HKD',
  'SGD',
  'TWD',
  'AUD',
  'CAD',
  'THB',
  'PHP',
  'VND',
  'CHF',
]);

/** ISO 3166 alpha-3 country at the end of a merchant name, as card networks print them. */
const COUNTRY_SUFFIX =
  /\s(?:USA|GBR|SGP|IRL|NLD|LUX|HKG|CHN|KOR|TWN|CYP|MLT|EST|LTU|PHL|THA|VNM|IND|CAN|AUS|DEU|FRA)$/;

export const foreignCharge: FlagRuleFactory = () => ({
  check({ line, text }) {
    if (line.amount <= 0) return null;
    if (line.currency !== null && line.currency !== 'JPY')
      return {
        code: 'foreign_charge',
        currency: line.currency,
        foreignAmount: line.foreignAmount,
        keyword: null,
      };
    if (line.currency === null && line.foreignAmount !== null && line.foreignAmount !== 0)
      return { code: 'foreign_charge', currency: null, foreignAmount: line.foreignAmount, keyword: null };
    const word = OVERSEAS_WORDS(text);
    if (word !== null) return { code: 'foreign_charge', currency: null, foreignAmount: null, keyword: word };
    const country = COUNTRY_SUFFIX.exec(line.merchant.normalize('NFKC').toUpperCase().trim());
    if (country)
      return { code: 'foreign_charge', currency: null, foreignAmount: null, keyword: country[0].trim() };
    return null;
  },
});
