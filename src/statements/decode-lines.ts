/**
 * Bytes → decoded physical lines, incrementally, with the encoding detected from the first 64 KB
 * (issue 6: "Shift_JIS, UTF-8 with or without BOM, detected automatically").
 *
 * Lines are split on LF in the bytes, before decoding: in UTF-8, Shift_JIS (CP932) and EUC-JP a
 * 0x0A byte is always a line feed, never part of a character, so each line can be decoded on its
 * own and an undecodable line is reported with its number while the others are still read.
 * Node's `shift_jis` decoder is the WHATWG one, i.e. Windows-31J/CP932 (NEC and IBM extensions
 * such as ① and 髙 included), which is what Japanese Excel writes.
 */
import Encoding from 'encoding-japanese';
import { StatementFileError } from './statement-file-error.ts';
import type { Lang } from './types.ts';

export type TextEncodingName = 'utf-8' | 'shift_jis' | 'euc-jp';

/** A statement line is a few hundred bytes; a longer one is a broken or non-CSV file. */
export const MAX_LINE_BYTES = 64 * 1024;
export const DETECT_SAMPLE_BYTES = 64 * 1024;

export type DecodedLine =
  | { line: number; text: string }
  | { line: number; text: null; error: 'undecodable_line' | 'line_too_long' };

const decoders: Record<TextEncodingName, TextDecoder> = {
  'utf-8': new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }),
  shift_jis: new TextDecoder('shift_jis', { fatal: true }),
  'euc-jp': new TextDecoder('euc-jp', { fatal: true }),
};

function decodes(encoding: TextEncodingName, bytes: Uint8Array): boolean {
  try {
    decoders[encoding].decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip at the start. */
  bom: number;
}

/**
 * Detects the encoding of a statement from its first bytes. `complete` says the sample is the
 * whole file (otherwise its last, possibly cut, line is left out). Throws StatementFileError for
 * UTF-16, binary data, or text that is mostly undecodable in every supported encoding.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean, lang: Lang = 'ja'): DetectedEncoding {
  const ja = lang === 'ja';
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))
    throw new StatementFileError(
      'unsupported_encoding',
      ja
        ? '1 行目: UTF-16 のファイルです。CSV (UTF-8 または Shift_JIS) で保存し直してください'
        : 'line 1: the file is UTF-16; save it as CSV in UTF-8 or Shift_JIS',
      1,
    );
  const nul = sample.indexOf(0);
  if (nul >= 0) {
    const line = lineOf(sample, nul);
    throw new StatementFileError(
      'binary_file',
      ja
        ? `${line} 行目: NUL バイトがあります。CSV ではなくバイナリ (または UTF-16) のファイルのようです`
        : `line ${line}: contains NUL bytes; this looks like a binary (or UTF-16) file, not a CSV`,
      line,
    );
  }
  let end = sample.length;
  if (!complete) {
    const lastLf = sample.lastIndexOf(10);
    if (lastLf > 0) end = lastLf;
  }
  const lines = splitSample(sample.subarray(0, end));
  const tally = (encoding: TextEncodingName) => {
    let bad = 0;
    let first = 0;
    lines.forEach((bytes, i) => {
      if (!decodes(encoding, bytes)) {
        bad++;
        if (first === 0) first = i + 1;
      }
    });
    return { encoding, bad, first };
  };
  const utf8 = tally('utf-8');
  if (utf8.bad === 0) return { encoding: 'utf-8', bom: 0 };
  // EUC-JP bytes often decode as (garbled) Shift_JIS half-width katakana without an error, so
  // ask encoding-japanese's byte statistics first.
  if (Encoding.detect(sample.subarray(0, end)) === 'EUCJP' && tally('euc-jp').bad === 0)
    return { encoding: 'euc-jp', bom: 0 };
  const sjis = tally('shift_jis');
  if (sjis.bad === 0) return { encoding: 'shift_jis', bom: 0 };
  const best = sjis.bad <= utf8.bad ? sjis : utf8;
  const nonEmpty = lines.filter((l) => l.length > 0).length;
  if (best.bad * 2 > nonEmpty) {
    const line = Math.min(utf8.first, sjis.first);
    throw new StatementFileError(
      'undecodable_file',
      ja
        ? `${line} 行目: UTF-8 でも Shift_JIS でも読めない文字があります (${nonEmpty} 行中 ${best.bad} 行)。CSV (UTF-8 または Shift_JIS) で保存し直してください`
        : `line ${line}: not readable as UTF-8 or Shift_JIS (${best.bad} of ${nonEmpty} lines); save the file as CSV in UTF-8 or Shift_JIS`,
      line,
    );
  }
  return { encoding: best.encoding, bom: 0 };
}

function splitSample(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (;;) {
    const lf = bytes.indexOf(10, start);
    if (lf < 0) {
      if (start < bytes.length) out.push(trimCr(bytes.subarray(start)));
      return out;
    }
    out.push(trimCr(bytes.subarray(start, lf)));
    start = lf + 1;
  }
}

function lineOf(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < index; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

function trimCr(bytes: Uint8Array): Uint8Array {
  return bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.subarray(0, bytes.length - 1) : bytes;
}

/**
 * Push bytes, get decoded lines. Holds at most the detection sample and one partial line
 * (bounded by MAX_LINE_BYTES: the rest of an over-long line is skipped, not stored).
 */
export class LineDecoder {
  readonly #lang: Lang;
  #detected: DetectedEncoding | null = null;
  #head: Uint8Array[] = [];
  #headLength = 0;
  #partial: Uint8Array[] = [];
  #partialLength = 0;
  #overflow = false;
  #line = 0;
  #first = true;

  constructor(lang: Lang = 'ja') {
    this.#lang = lang;
  }

  get encoding(): TextEncodingName | null {
    return this.#detected?.encoding ?? null;
  }

  push(chunk: Uint8Array): DecodedLine[] {
    if (this.#detected === null) {
      this.#head.push(chunk);
      this.#headLength += chunk.length;
      if (this.#headLength < DETECT_SAMPLE_BYTES) return [];
      return this.#startSplitting(false);
    }
    const out: DecodedLine[] = [];
    this.#split(chunk, out);
    return out;
  }

  end(): DecodedLine[] {
    const out = this.#detected === null ? this.#startSplitting(true) : [];
    if (this.#partialLength > 0 || this.#overflow) this.#emit(out);
    return out;
  }

  #startSplitting(complete: boolean): DecodedLine[] {
    const head = Buffer.concat(this.#head, this.#headLength);
    this.#head = [];
    this.#detected = detectEncoding(head, complete, this.#lang);
    const out: DecodedLine[] = [];
    this.#split(head.subarray(this.#detected.bom), out);
    return out;
  }

  #split(chunk: Uint8Array, out: DecodedLine[]): void {
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(10, start);
      if (lf < 0) {
        // The tail waits for the next chunk: copy it, so the chunk itself is not kept alive.
        this.#append(chunk.slice(start));
        return;
      }
      this.#append(chunk.subarray(start, lf));
      this.#emit(out);
      start = lf + 1;
    }
  }

  #append(bytes: Uint8Array): void {
    if (bytes.length === 0 || this.#overflow) return;
    if (this.#partialLength + bytes.length > MAX_LINE_BYTES) {
      this.#overflow = true;
      this.#partial = [];
      this.#partialLength = 0;
      return;
    }
    this.#partial.push(bytes);
    this.#partialLength += bytes.length;
  }

  #emit(out: DecodedLine[]): void {
    const line = ++this.#line;
    if (this.#overflow) {
      this.#overflow = false;
      out.push({ line, text: null, error: 'line_too_long' });
      return;
    }
    let bytes =
      this.#partial.length === 1
        ? (this.#partial[0] as Uint8Array)
        : Buffer.concat(this.#partial, this.#partialLength);
    this.#partial = [];
    this.#partialLength = 0;
    bytes = trimCr(bytes);
    const encoding = (this.#detected as DetectedEncoding).encoding;
    try {
      let text = decoders[encoding].decode(bytes);
      if (this.#first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.#first = false;
      out.push({ line, text });
    } catch {
      this.#first = false;
      out.push({ line, text: null, error: 'undecodable_line' });
    }
  }
}
