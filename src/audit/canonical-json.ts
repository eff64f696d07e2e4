/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units (as JSON.stringify sees
 * them), no whitespace, `undefined` members dropped, arrays kept in order. The same value always
 * gives the same text, whichever order its keys were built in (in the spirit of RFC 8785 JCS;
 * numbers use JavaScript's own shortest form, which is what JCS prescribes).
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`${path}: unexpected ${value}, expected a finite number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value))
        return `[${value.map((v, i) => write(v ?? null, `${path}[${i}]`)).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`${path}: unexpected ${typeof value}, expected JSON data`);
  }
}
