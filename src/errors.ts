/**
 * Coded errors. Every error that can reach a person (CLI, HTTP) is a MamoriError with a stable
 * snake_case `code`; only the edges (src/server/error-handler.ts, src/cli/main.ts) turn them into
 * a status code or an exit code.
 */
export class MamoriError extends Error {
  readonly code: string;
  /** HTTP status the server answers with. */
  readonly status: number;

  constructor(code: string, message: string, options?: { status?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MamoriError';
    this.code = code;
    this.status = options?.status ?? 400;
  }
}

/** Bad input from a person or a program: CLI exit 2, HTTP 400 (or the given status). */
export class InputError extends MamoriError {
  constructor(code: string, message: string, options?: { status?: number; cause?: unknown }) {
    super(code, message, options);
    this.name = 'InputError';
  }
}

/** A configuration or data file that does not validate; the message names entry and field. */
export class ConfigError extends MamoriError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, { status: 500, ...options });
    this.name = 'ConfigError';
  }
}

/** CLI: end the process quietly with this exit code (the message, if any, was already printed). */
export class ExitError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitError';
    this.exitCode = exitCode;
  }
}
