import type { Lang } from './types.ts';

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** `1,234円` in Japanese, `¥1,234` in English; negative amounts keep their sign. */
export function formatYen(amount: number, lang: Lang): string {
  const digits = grouping.format(Math.abs(amount));
  const sign = amount < 0 ? '-' : '';
  return lang === 'en' ? `${sign}¥${digits}` : `${sign}${digits}円`;
}

export function formatNumber(value: number): string {
  return grouping.format(value);
}
