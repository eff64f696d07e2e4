/**
 * mamori respond [--situation S] [--issuer ID] [--carrier ID] [--lang en] [--json] [--registry FILE]
 * (issue 6 "Guided response", CLI side): asks what happened, which card issuer and which carrier
 * when not given as flags (numbered choices), then prints the ordered checklist, or with --json the
 * checklist object. Works without a server.
 *
 * Answers come from standard input, one a line. On a terminal a wrong answer is asked again; when
 * standard input is piped, a missing or wrong answer is a usage error (exit 2, one line), so a
 * script never hangs on a question.
 */
import { z } from 'zod';
import { loadConfig } from '../../config.ts';
import type { Brand, Registry } from '../../registry/index.ts';
import { loadRegistry } from '../../registry/index.ts';
import {
  brandsOfKind,
  buildChecklist,
  type Checklist,
  formatChecklist,
  type Lang,
  type LocalText,
  SITUATION_LABEL,
  SITUATIONS,
  type Situation,
  situationSchema,
} from '../../response/index.ts';
import type { CliInput, CliIo } from '../io.ts';
import { usageError, writeAll } from '../io.ts';

/** `--issuer unknown` / `--carrier unknown`: the person does not know (or it is not listed). */
export const UNKNOWN = 'unknown';

export const respondOptionsSchema = z.strictObject({
  situation: situationSchema.optional(),
  issuer: z.string().min(1, 'needs a card issuer id').optional(),
  carrier: z.string().min(1, 'needs a carrier id').optional(),
  lang: z.enum(['ja', 'en'], { error: 'must be ja or en' }).default('ja'),
  json: z.boolean().default(false),
  registry: z.string().min(1, 'needs a file name').optional(),
  /** When the checklist is made (ISO 8601 with offset); default now. For tests and scripts. */
  at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with an offset' }).optional(),
});
export type RespondOptions = z.input<typeof respondOptionsSchema>;

/** Which brand questions each situation needs, in the order asked. A received message needs none. */
const QUESTIONS: Readonly<Record<Situation, readonly ('issuer' | 'carrier')[]>> = {
  got_message: [],
  entered_data: ['issuer', 'carrier'],
  unknown_charge: ['issuer', 'carrier'],
  lost_phone: ['carrier', 'issuer'],
};

interface Choice<T> {
  value: T;
  label: LocalText;
}

interface Question<T> {
  flag: string;
  prompt: LocalText;
  choices: readonly Choice<T>[];
}

const t = (ja: string, en: string): LocalText => ({ ja, en });

const DONT_KNOW = t('わからない・この中にない', "Don't know / not listed");

function brandQuestion(registry: Registry, kind: 'card_issuer' | 'carrier'): Question<string | null> {
  const brands: Brand[] = brandsOfKind(registry, kind);
  return {
    flag: kind === 'card_issuer' ? '--issuer' : '--carrier',
    prompt:
      kind === 'card_issuer'
        ? t('お使いのカード会社はどれですか?', 'Which company issued your card?')
        : t('お使いの携帯電話会社はどれですか?', 'Which mobile carrier do you use?'),
    choices: [
      ...brands.map((b) => ({ value: b.id as string | null, label: t(b.nameJa, b.nameEn) })),
      { value: null, label: DONT_KNOW },
    ],
  };
}

const SITUATION_QUESTION: Question<Situation> = {
  flag: '--situation',
  prompt: t('どうしましたか?あてはまるものを選んでください。', 'What happened? Choose the one that fits.'),
  choices: SITUATIONS.map((s) => ({ value: s, label: SITUATION_LABEL[s] })),
};

/** Reads standard input a line at a time, only when a question needs it. */
class LineReader {
  readonly #input: CliInput;
  #iterator: AsyncIterator<unknown> | undefined;
  #buffer = '';
  #ended = false;
  readonly #decoder = new TextDecoder('utf-8');

  constructor(input: CliInput) {
    this.#input = input;
  }

  /** The next line without its line ending, or null at the end of input. */
  async next(): Promise<string | null> {
    for (;;) {
      const newline = this.#buffer.indexOf('\n');
      if (newline >= 0) {
        const line = this.#buffer.slice(0, newline).replace(/\r$/, '');
        this.#buffer = this.#buffer.slice(newline + 1);
        return line;
      }
      if (this.#ended) {
        if (this.#buffer === '') return null;
        const last = this.#buffer;
        this.#buffer = '';
        return last;
      }
      this.#iterator ??= this.#input[Symbol.asyncIterator]();
      const chunk = await this.#iterator.next();
      if (chunk.done) {
        this.#ended = true;
        this.#buffer += this.#decoder.decode();
      } else {
        const value = chunk.value;
        this.#buffer +=
          typeof value === 'string' ? value : this.#decoder.decode(value as Uint8Array, { stream: true });
      }
    }
  }

  /** True once a question read standard input. */
  get used(): boolean {
    return this.#iterator !== undefined;
  }

  /** Lets go of standard input (a terminal would otherwise keep the process waiting). */
  async close(): Promise<void> {
    await this.#iterator?.return?.();
  }
}

/** "2", "２", " 2 " or a choice's id (e.g. "jcb", "unknown") → the choice; otherwise undefined. */
function parseAnswer<T>(answer: string, question: Question<T>): Choice<T> | undefined {
  const a = answer.normalize('NFKC').trim().toLowerCase();
  if (/^\d+$/.test(a)) return question.choices[Number(a) - 1];
  return question.choices.find((c) => (c.value === null ? UNKNOWN : String(c.value)) === a);
}

async function ask<T>(question: Question<T>, reader: LineReader, io: CliIo, lang: Lang): Promise<T> {
  const interactive = io.stdin.isTTY === true;
  const range = `1-${question.choices.length}`;
  if (interactive) {
    const width = String(question.choices.length).length;
    const lines = [
      question.prompt[lang],
      ...question.choices.map((c, i) => `  ${String(i + 1).padStart(width)}) ${c.label[lang]}`),
    ];
    await writeAll(io.stderr, `\n${lines.join('\n')}\n`);
  }
  for (;;) {
    if (interactive) await writeAll(io.stderr, lang === 'en' ? `Number (${range}): ` : `番号(${range}): `);
    const answer = await reader.next();
    if (answer === null) {
      throw usageError(
        `${question.flag} is needed: give it as a flag or answer the question on standard input`,
      );
    }
    const choice = parseAnswer(answer, question);
    if (choice) return choice.value;
    if (!interactive) {
      throw usageError(`answer "${answer.trim()}" for ${question.flag} is not one of the choices (${range})`);
    }
    await writeAll(
      io.stderr,
      lang === 'en'
        ? `Please type a number from 1 to ${question.choices.length}.\n`
        : `1から${question.choices.length}の番号を入力してください。\n`,
    );
  }
}

/** Checks a brand flag before any question is asked, so a typo fails at once. */
function brandFlag(
  registry: Registry,
  value: string | undefined,
  kind: 'card_issuer' | 'carrier',
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === UNKNOWN) return null;
  if (brandsOfKind(registry, kind).some((b) => b.id === value)) return value;
  const flag = kind === 'card_issuer' ? '--issuer' : '--carrier';
  const ids = [...brandsOfKind(registry, kind).map((b) => b.id), UNKNOWN];
  throw usageError(`${flag} "${value}" is not known; use one of: ${ids.join(', ')}`);
}

/** Runs `mamori respond`. Returns the exit code (0). */
export async function run(rawOptions: RespondOptions, io: CliIo): Promise<number> {
  const parsed = respondOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) {
    throw usageError(
      parsed.error.issues
        .map((i) => `${i.path.length ? `--${i.path.join('.')}` : 'options'}: ${i.message}`)
        .join('; '),
    );
  }
  const opts = parsed.data;
  const overrideFile = opts.registry ?? loadConfig(io.env).registryFile;
  // A bad override file is a ConfigError naming entry and field; main.ts prints it, exit 2.
  const registry = await loadRegistry({ overrideFile });
  const answers = {
    issuer: brandFlag(registry, opts.issuer, 'card_issuer'),
    carrier: brandFlag(registry, opts.carrier, 'carrier'),
  };

  const reader = new LineReader(io.stdin);
  let checklist: Checklist;
  try {
    const situation = opts.situation ?? (await ask(SITUATION_QUESTION, reader, io, opts.lang));
    for (const q of QUESTIONS[situation]) {
      if (answers[q] !== undefined) continue;
      answers[q] = await ask(
        brandQuestion(registry, q === 'issuer' ? 'card_issuer' : 'carrier'),
        reader,
        io,
        opts.lang,
      );
    }
    // The CLI is the edge: the wall clock is read here, never in the checklist builder.
    checklist = buildChecklist({
      registry,
      situation,
      issuerId: answers.issuer,
      carrierId: answers.carrier,
      lang: opts.lang,
      at: opts.at ?? new Date(),
    });
  } finally {
    await reader.close();
  }
  // Set the checklist apart from the questions on a terminal.
  if (reader.used && io.stdin.isTTY === true) await writeAll(io.stderr, '\n');
  await writeAll(
    io.stdout,
    opts.json ? `${JSON.stringify(checklist, null, 2)}\n` : formatChecklist(checklist),
  );
  return 0;
}
