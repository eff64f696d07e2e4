import { MamoriError } from '../errors.ts';

/** Parses a JSON text column; a corrupt row is a server fault, reported with where it came from. */
export function parseJson<T = unknown>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new MamoriError('db_corrupt_json', `${where}: stored JSON does not parse`, {
      status: 500,
      cause: error,
    });
  }
}

/** Serialises a value for a JSON text column; a string is taken as JSON text already. */
export function toJsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}
