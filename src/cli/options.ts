/** Helpers shared by the CLI commands: one way to validate options and to open the database. */
import type { z } from 'zod';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { type CliIo, usageError } from './io.ts';

/** Parses command options with their zod schema; problems become one usage line (exit 2). */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw usageError(r.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '));
  }
  return r.data;
}

/** Opens --db, else DATABASE_URL, else the configured SQLite file (MAMORI_DB_FILE). */
export async function openCliDatabase(io: CliIo, file: string | undefined) {
  const config = loadConfig(io.env);
  return openDatabase(
    file ? { file } : config.databaseUrl ? { url: config.databaseUrl } : { file: config.dbFile },
  );
}
