/**
 * What a CLI command touches outside itself: the three standard streams, the environment and a
 * clock, injected so tests run commands in-process and spawn nothing (style.md §8 "Thin CLI").
 * Plus the careful readers for person-supplied input (contract "Bad input" in issue 3): size is
 * checked before reading, text must be valid UTF-8 and not binary, and every failure is an
 * InputError with a one-line message (CLI exit 2).
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Readable, Writable } from 'node:stream';
import { InputError } from '../errors.ts';

export interface CliInput extends Pick<Readable, 'on' | 'once' | 'off' | 'pause' | 'resume'> {
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
  isTTY?: boolean;
}

export type CliOutput = Writable & { isTTY?: boolean; columns?: number };

export interface CliIo {
  stdin: CliInput;
  stdout: CliOutput;
  stderr: CliOutput;
  env: Readonly<Record<string, string | undefined>>;
  /** Milliseconds from an arbitrary origin; only differences are used (elapsed time). */
  now: () => number;
}

/** The real process streams. Only src/cli/main.ts calls this. */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    now: () => performance.now(),
  };
}

/** Issue 3 "Bad input": a message file over 20 MB is refused before it is read. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** A usage error: wrong flags, missing input. CLI exit 2. */
export function usageError(message: string): InputError {
  return new InputError('usage', message);
}

function fileError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new InputError('file_not_found', `file not found: ${path}`);
  if (code === 'EACCES' || code === 'EPERM')
    return new InputError('file_unreadable', `cannot read ${path}: permission denied`);
  if (code === 'EISDIR') return new InputError('file_unreadable', `${path} is a directory, not a file`);
  return new InputError('file_unreadable', `cannot read ${path}${code ? ` (${code})` : ''}`);
}

/**
 * Checks that `path` is a readable regular file and returns its size. Used before streaming a
 * batch (no size limit there) and before reading a message file (limit below).
 */
export async function statInputFile(path: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw fileError(path, error);
  }
  if (info.isDirectory()) throw new InputError('file_unreadable', `${path} is a directory, not a file`);
  // A FIFO or /dev/stdin-style path is allowed (size 0 says nothing there); readBytesLimited
  // still enforces the limit while reading.
  return info.size;
}

function tooLarge(what: string): InputError {
  return new InputError('input_too_large', `${what} is larger than 20 MB; split it or check a smaller part`);
}

/** Reads a whole message file, refusing files over `limit` before reading them. */
export async function readInputFile(path: string, limit = MAX_INPUT_BYTES): Promise<Uint8Array> {
  const size = await statInputFile(path);
  if (size > limit) throw tooLarge(path);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fileError(path, error);
  }
  try {
    return await readBytesLimited(handle.createReadStream({ autoClose: false }), path, limit);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError(path, error);
  } finally {
    await handle.close();
  }
}

/** Collects a stream into bytes, stopping with an InputError as soon as it passes `limit`. */
export async function readBytesLimited(
  stream: CliInput,
  what: string,
  limit = MAX_INPUT_BYTES,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    total += bytes.byteLength;
    if (total > limit) throw tooLarge(what);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes person-supplied text. NUL bytes mean a binary file (an image, a .docx …), which would
 * otherwise be "checked" as garbage; invalid UTF-8 is refused rather than silently replaced, so
 * the person learns to convert a Shift_JIS file first (or use --eml, which decodes charsets).
 */
export function decodeText(bytes: Uint8Array, what: string): string {
  if (bytes.includes(0)) {
    throw new InputError('binary_input', `${what} looks like a binary file, not text`);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new InputError(
      'invalid_utf8',
      `${what} is not valid UTF-8 text (for a raw e-mail use --eml, which decodes other charsets)`,
    );
  }
}

/** Writes to a stream, waiting for 'drain' when its buffer is full (constant memory in batches). */
export async function writeAll(stream: Writable, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    stream.on('drain', onDrain);
    stream.on('error', onError);
  });
}

/** Opens a file for writing, or fails with a one-line InputError (CLI exit 2). */
export async function openOutput(path: string): Promise<Writable> {
  const out = createWriteStream(path, { flags: 'w' });
  try {
    await once(out, 'open');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError('file_unwritable', `cannot write ${path}${code ? ` (${code})` : ''}`);
  }
  return out;
}
