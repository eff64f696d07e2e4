/**
 * Message and statement data are attacker-controlled: control characters (ANSI escapes could
 * rewrite the terminal) and bidi overrides (could reverse a domain on screen) are shown as
 * \\u{…} when printed to a terminal.
 */
export function printable(value: string): string {
  return value.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u{${c.codePointAt(0)?.toString(16).padStart(4, '0')}}`,
  );
}
