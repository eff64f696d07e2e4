/**
 * UTS #39 skeleton: NFD, map every code point to its prototype from confusables.txt, NFD again.
 * Two strings with the same skeleton look alike (рaypal / paypal, d0como / docomo, rn / m).
 * The mapping data is unhomoglyph's copy of confusables.txt (Unicode 13.0); stack.md explains why
 * no npm package ships a newer table with a real skeleton function.
 */
import confusables from 'unhomoglyph/data.json' with { type: 'json' };

const MAP = confusables as Record<string, string>;

export function skeleton(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFD')) out += MAP[ch] ?? ch;
  return out.normalize('NFD');
}

/**
 * Look-alikes that confusables.txt leaves out but attackers use in host names: Cyrillic letters
 * that match Latin ones in lower case (м, т, ь, п, к …) and digits standing for letters.
 */
const EXTRA: Record<string, string> = {
  м: 'm',
  т: 't',
  ь: 'b',
  п: 'n',
  к: 'k',
  н: 'h',
  в: 'b',
  г: 'r',
  и: 'u',
  л: 'n',
  д: 'a',
  ц: 'u',
  ш: 'w',
  щ: 'w',
  я: 'r',
  ё: 'e',
  ї: 'i',
  ѵ: 'v',
  ո: 'n',
  ս: 'u',
  ց: 'g',
  ք: 'p',
  ƅ: 'b',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '6': 'b',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
};

/** Skeleton compared case-insensitively, as host names are: lower-case before and after mapping. */
export function hostSkeleton(label: string): string {
  let pre = '';
  for (const ch of label.toLowerCase()) pre += EXTRA[ch] ?? ch;
  return skeleton(pre)
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u30fc\u4e00\u2010-\u2015\u2212\uff0d]/g, '-');
}
