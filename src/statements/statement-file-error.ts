import { InputError } from '../errors.ts';

/**
 * A problem with a statement file as a whole (no header, undecodable, binary, invalid mapping):
 * the CLI prints its one-line message and exits 2. Row problems are not errors but RowError data.
 */
export class StatementFileError extends InputError {
  /** The line the problem was found on, when there is one. */
  readonly line: number | null;
  constructor(code: string, message: string, line: number | null = null) {
    super(code, message);
    this.name = 'StatementFileError';
    this.line = line;
  }
}
