import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordAssembler, MAX_RECORD_LINES, parseCsvRecord } from './csv-records.ts';

describe('parseCsvRecord', () => {
  it('splits quoted and unquoted fields, with doubled quotes and empty fields', () => {
    expect(parseCsvRecord('a,"b,c","say ""hi""",,', ',')).toEqual({
      open: false,
      malformed: false,
      fields: ['a', 'b,c', 'say "hi"', '', ''],
    });
    expect(parseCsvRecord('x\ty', '\t')).toMatchObject({ fields: ['x', 'y'] });
    expect(parseCsvRecord('"open,', ',')).toEqual({ open: true });
  });

  it('agrees with csv-parse on well-formed records', () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'ア', ' ', '1', ',', '"', '=', '円') }),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
        const clean = fields.map((f) => f.replace(/[\r\n]/g, ''));
        const line = clean
          .map((f) => (/[",]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f))
          .join(',');
        const ours = parseCsvRecord(line, ',');
        const theirs = parse(line, { relax_column_count: true }) as string[][];
        expect(ours).toEqual({ open: false, malformed: false, fields: theirs[0] ?? [''] });
      }),
      { numRuns: 500 },
    );
  });
});

describe('CsvRecordAssembler', () => {
  it('joins a quoted field that spans lines, numbered by its first line', () => {
    const a = new CsvRecordAssembler(',');
    expect(a.push('2026/11/02,"処方箋', 5)).toEqual([]);
    expect(a.push('分の支払い",880', 6)).toEqual([
      { kind: 'record', line: 5, fields: ['2026/11/02', '処方箋\n分の支払い', '880'] },
    ]);
  });

  it('reports a stray quote on its line and reads the following lines as rows of their own', () => {
    const a = new CsvRecordAssembler(',');
    const out = [...a.push('2026/11/06,"no closing quote,500', 7), ...a.push('2026/11/07,ok,"1,800"', 8)];
    expect(out).toEqual([
      { kind: 'unclosed', line: 7 },
      { kind: 'record', line: 8, fields: ['2026/11/07', 'ok', '1,800'] },
    ]);
  });

  it(`gives up after ${MAX_RECORD_LINES} lines without quotes, and at the end of input`, () => {
    const a = new CsvRecordAssembler(',');
    const out = [...a.push('x,"open', 1)];
    for (let i = 2; i <= MAX_RECORD_LINES; i++) out.push(...a.push(`2026/11/0${i % 9},shop,${i}`, i));
    expect(out[0]).toEqual({ kind: 'unclosed', line: 1 });
    expect(out.filter((r) => r.kind === 'record')).toHaveLength(MAX_RECORD_LINES - 1);
    const b = new CsvRecordAssembler(',');
    b.push('x,"open', 1);
    expect(b.end()).toEqual([{ kind: 'unclosed', line: 1 }]);
  });
});
