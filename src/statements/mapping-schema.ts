/**
 * The column layout of a statement export as a JSON mapping file (issue 6: "the column layouts of
 * the major Japanese issuers' exports through a mapping file, with a way to supply one's own").
 * One zod schema; a column is named by its header text (or several alternatives) or by position.
 *
 * Example (a layout with a preamble and a header row):
 *   { "id": "my-card", "columns": { "date": "利用日", "merchant": ["利用店名", "ご利用先"],
 *     "amount": "利用金額", "currency": "通貨", "foreignAmount": "現地通貨額" } }
 */
import { z } from 'zod';
import { StatementFileError } from './statement-file-error.ts';
import type { Lang } from './types.ts';

const columnRef = z.union([
  z.string().min(1),
  z.array(z.string().min(1)).min(1),
  z.strictObject({ index: z.number().int().min(0).max(255) }),
]);
export type ColumnRef = z.infer<typeof columnRef>;

export const REQUIRED_COLUMNS = ['date', 'merchant', 'amount'] as const;
export const OPTIONAL_COLUMNS = ['time', 'currency', 'foreignAmount', 'category', 'note'] as const;
export type ColumnName = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export const statementMappingSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _'),
    description: z.string().optional(),
    kind: z.enum(['card', 'carrier_billing']).default('card'),
    delimiter: z.enum([',', '\t', ';']).default(','),
    /** false: no header row; every column is given by {index}, data starts after skipLines. */
    header: z.boolean().default(true),
    /** How many lines from the top may hold the header (exports put account details above it). */
    headerSearchLines: z.number().int().min(1).max(200).default(30),
    skipLines: z.number().int().min(0).max(200).default(0),
    columns: z.strictObject({
      date: columnRef,
      merchant: columnRef,
      amount: columnRef,
      time: columnRef.optional(),
      currency: columnRef.optional(),
      foreignAmount: columnRef.optional(),
      category: columnRef.optional(),
      note: columnRef.optional(),
    }),
  })
  .superRefine((m, ctx) => {
    if (m.header) return;
    for (const [name, ref] of Object.entries(m.columns)) {
      if (ref !== undefined && !(typeof ref === 'object' && 'index' in ref))
        ctx.addIssue({
          code: 'custom',
          path: ['columns', name],
          message: 'a file without a header row needs {"index": N} for every column',
        });
    }
  });

export type StatementMapping = z.infer<typeof statementMappingSchema>;
export type StatementMappingInput = z.input<typeof statementMappingSchema>;

/** Parses a mapping file's text; every problem is listed as `path: message` in one error. */
export function parseStatementMapping(text: string, what: string, lang: Lang = 'ja'): StatementMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StatementFileError(
      'invalid_mapping',
      lang === 'ja'
        ? `${what} は JSON として読めません (${(error as Error).message})`
        : `${what} is not valid JSON (${(error as Error).message})`,
    );
  }
  const parsed = statementMappingSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new StatementFileError(
      'invalid_mapping',
      lang === 'ja'
        ? `${what} は対応表として正しくありません: ${problems}`
        : `${what} is not a valid mapping: ${problems}`,
    );
  }
  return Object.freeze(parsed.data);
}
