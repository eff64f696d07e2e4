/**
 * Amounts as Japanese statements write them: 1,234 / ¥1,234 / ￥1,234 / 1,234円 / full-width
 * １，２３４ / \1,234 (0x5C is the yen sign in Shift_JIS files, but decodes to a backslash).
 * Refunds and cancellations: △1,234 and ▲1,234 (the accounting triangle), −1,234, -1,234,
 * (1,234). A trailing 「-」 as in 「¥1,000-」 is the handwritten-receipt closing mark, not a sign.
 */

const NEGATIVE_PREFIX = /^[△▲\-−‐‑–]/;
const NUMBER = /^\d+(?:\.\d+)?$/;

/** The amount, or null when the cell is not a number (an empty cell is not a number either). */
export function parseAmount(raw: string): number | null {
  let text = raw.normalize('NFKC').replace(/[\s"']/g, '');
  if (text === '') return null;
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (NEGATIVE_PREFIX.test(text)) {
    negative = true;
    text = text.slice(1);
  }
  text = text.replace(/^(?:[¥\\]|JPY)/i, '');
  if (!negative && NEGATIVE_PREFIX.test(text)) {
    negative = true; // ¥-1,234
    text = text.slice(1);
  }
  text = text
    .replace(/(?:円|JPY|YEN)$/i, '')
    .replace(/-$/, '')
    .replace(/,/g, '');
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}
