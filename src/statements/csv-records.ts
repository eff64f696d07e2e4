/**
 * RFC 4180 records from decoded physical lines, one line at a time, so a statement of any size is
 * read with the memory of one record. A quoted field may span lines (a note with a line break), but
 * only up to MAX_RECORD_LINES: a stray quote must not swallow the rest of the file, so the row
 * that opened it is reported and the lines after it are read again as rows of their own.
 */

export const MAX_RECORD_LINES = 10;

/**
 * `malformed`: text followed a closing quote (`"abc"def`). Kept as one field on a single line,
 * as sloppy exports do this; across lines it means a stray quote joined rows that are not one.
 */
export type CsvLineResult = { fields: string[]; open: false; malformed: boolean } | { open: true };

/**
 * Splits one record's text. Lenient where exports are sloppy: a quote inside an unquoted field is
 * kept as a character, and text after a closing quote is appended to the field.
 */
export function parseCsvRecord(text: string, delimiter: string): CsvLineResult {
  const fields: string[] = [];
  let malformed = false;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      let closed = false;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) break;
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        closed = true;
        break;
      }
      if (!closed) return { open: true };
      const end = text.indexOf(delimiter, j);
      if (end !== j && j < text.length) malformed = true;
      if (end < 0) {
        fields.push(value + text.slice(j));
        return { fields, open: false, malformed };
      }
      fields.push(value + text.slice(j, end));
      i = end + delimiter.length;
    } else {
      const end = text.indexOf(delimiter, i);
      if (end < 0) {
        fields.push(text.slice(i));
        return { fields, open: false, malformed };
      }
      fields.push(text.slice(i, end));
      i = end + delimiter.length;
    }
  }
}

export type AssembledRecord =
  | { kind: 'record'; line: number; fields: string[] }
  | { kind: 'unclosed'; line: number };

/** Joins physical lines into records; see the module comment for the multi-line limit. */
export class CsvRecordAssembler {
  readonly #delimiter: string;
  #pending: { line: number; text: string }[] = [];

  constructor(delimiter: string) {
    this.#delimiter = delimiter;
  }

  push(text: string, line: number): AssembledRecord[] {
    if (this.#pending.length === 0) {
      // Fast path: most rows have no quotes at all, or balanced ones.
      const parsed = parseCsvRecord(text, this.#delimiter);
      if (!parsed.open) return [{ kind: 'record', line, fields: parsed.fields }];
      this.#pending.push({ line, text });
      return [];
    }
    this.#pending.push({ line, text });
    const first = this.#pending[0] as { line: number; text: string };
    const joined = this.#pending.map((p) => p.text).join('\n');
    const parsed = parseCsvRecord(joined, this.#delimiter);
    if (!parsed.open && parsed.malformed) return this.#giveUp();
    if (!parsed.open) {
      this.#pending = [];
      return [{ kind: 'record', line: first.line, fields: parsed.fields }];
    }
    if (this.#pending.length < MAX_RECORD_LINES) return [];
    return this.#giveUp();
  }

  /** End of input: an open quote there is a broken row too. */
  end(): AssembledRecord[] {
    const out: AssembledRecord[] = [];
    while (this.#pending.length > 0) out.push(...this.#giveUp());
    return out;
  }

  #giveUp(): AssembledRecord[] {
    const [first, ...rest] = this.#pending;
    this.#pending = [];
    const out: AssembledRecord[] = [{ kind: 'unclosed', line: (first as { line: number }).line }];
    // A line that opens a quote again stays pending for the lines still to come.
    for (const r of rest) out.push(...this.push(r.text, r.line));
    return out;
  }
}
