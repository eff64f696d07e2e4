/**
 * Runs the mamori CLI in-process (src/cli/main.ts `main`) with captured streams, so tests spawn
 * nothing. Standard input is a string/bytes (piped) or a TTY with nothing on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Piped standard input; omit for an interactive terminal with nothing typed. */
  stdin?: string | Uint8Array;
  stderrIsTTY?: boolean;
  env?: Record<string, string | undefined>;
}

class Capture extends Writable {
  readonly chunks: Buffer[] = [];
  isTTY: boolean;
  columns = 80;
  constructor(isTTY = false) {
    super();
    this.isTTY = isTTY;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
  // cli-progress moves the cursor on a TTY stream.
  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  clearScreenDown(): boolean {
    return true;
  }
}

export async function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdin =
    options.stdin === undefined
      ? Object.assign(Readable.from([]), { isTTY: true })
      : Object.assign(Readable.from([Buffer.from(options.stdin)]), { isTTY: false });
  const stdout = new Capture(false);
  const stderr = new Capture(options.stderrIsTTY ?? false);
  let clock = 0;
  const io: CliIo = {
    stdin,
    stdout,
    stderr,
    env: options.env ?? {},
    now: () => (clock += 5),
  };
  const code = await main(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A fresh directory under the OS temp dir; call the returned cleanup in afterAll/afterEach. */
export function tempDir(prefix = 'mamori-test-'): {
  dir: string;
  path: (name: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
