import { describe, expect, it } from 'vitest';
import { parseAmount } from './parse-amount.ts';

describe('parseAmount', () => {
  it.each([
    ['1234', 1234],
    ['1,234', 1234],
    ['¥1,234', 1234],
    ['￥1,234', 1234],
    ['\\1,234', 1234], // Shift_JIS 0x5C decodes to a backslash
    ['1,234円', 1234],
    ['１，２３４', 1234],
    ['１２３４円', 1234],
    [' 1 234 ', 1234],
    ['JPY 1,234', 1234],
    ['¥1,000-', 1000], // the closing mark of a handwritten amount, not a sign
    ['15.99', 15.99],
    ['△1,200', -1200],
    ['▲1,200', -1200],
    ['−1,200', -1200],
    ['-1200', -1200],
    ['－１２００', -1200],
    ['¥-1,200', -1200],
    ['(1,200)', -1200],
    ['0', 0],
  ])('%s → %d', (raw, expected) => {
    expect(parseAmount(raw)).toBe(expected);
  });

  it.each(['', '  ', 'せんえん', '1,2a4', '¥', '△', '1.2.3', '=1+1'])('%j is not an amount', (raw) => {
    expect(parseAmount(raw)).toBeNull();
  });
});
