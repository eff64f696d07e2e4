/**
 * Finds a mapping's columns in a header row. Header text is compared after NFKC (full-width
 * brackets and letters), without spaces or quotes and case-insensitively, and a trailing unit in
 * brackets is ignored: 「ご利用金額（円）」 matches 「ご利用金額」.
 */
import {
  type ColumnName,
  type ColumnRef,
  OPTIONAL_COLUMNS,
  REQUIRED_COLUMNS,
  type StatementMapping,
} from './mapping-schema.ts';

export type ColumnIndexes = { [K in (typeof REQUIRED_COLUMNS)[number]]: number } & {
  [K in (typeof OPTIONAL_COLUMNS)[number]]?: number;
};

export function normalizeHeader(cell: string): string {
  return cell
    .normalize('NFKC')
    .replace(/[\s"'\u3000]/g, '')
    .toLowerCase();
}

function withoutUnit(cell: string): string {
  return cell.replace(/\([^()]*\)$/, '');
}

function findColumn(ref: ColumnRef, header: readonly string[]): number | null {
  if (typeof ref === 'object' && !Array.isArray(ref)) return ref.index;
  const names = (typeof ref === 'string' ? [ref] : ref).map(normalizeHeader);
  for (const name of names) {
    const i = header.indexOf(name);
    if (i >= 0) return i;
  }
  for (const name of names) {
    const i = header.findIndex((cell) => withoutUnit(cell) === name);
    if (i >= 0) return i;
  }
  return null;
}

export interface HeaderMatch {
  columns: ColumnIndexes | null;
  /** Required columns not found (empty when `columns` is set). */
  missing: ColumnName[];
  /** Columns found, required and optional: the better layout is the one that explains more. */
  found: number;
}

/** `normalized` is the row's cells through normalizeHeader. */
export function matchHeader(normalized: readonly string[], mapping: StatementMapping): HeaderMatch {
  const found: Partial<Record<ColumnName, number>> = {};
  const missing: ColumnName[] = [];
  let count = 0;
  for (const name of REQUIRED_COLUMNS) {
    const i = findColumn(mapping.columns[name], normalized);
    if (i === null) missing.push(name);
    else {
      found[name] = i;
      count++;
    }
  }
  for (const name of OPTIONAL_COLUMNS) {
    const ref = mapping.columns[name];
    if (ref === undefined) continue;
    const i = findColumn(ref, normalized);
    if (i !== null) {
      found[name] = i;
      count++;
    }
  }
  return { columns: missing.length === 0 ? (found as ColumnIndexes) : null, missing, found: count };
}

/** The header text a person should look for, for error messages: the first name of each column. */
export function columnLabel(mapping: StatementMapping, name: ColumnName): string {
  const ref = mapping.columns[name];
  if (ref === undefined) return name;
  if (typeof ref === 'string') return ref;
  if (Array.isArray(ref)) return ref[0] ?? name;
  return `#${(ref as { index: number }).index + 1}`;
}
