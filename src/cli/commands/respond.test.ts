import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.ts';
import { defaultRegistry } from '../../registry/index.ts';
import {
  brandsOfKind,
  checklistSchema,
  SITUATIONS,
  type Situation,
  STEP_ORDER,
} from '../../response/index.ts';
import type { CliIo } from '../io.ts';
import { type RespondOptions, run } from './respond.ts';

const AT = '2026-11-24T10:05:00+09:00';

class Capture extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command in-process; `stdin` is what is piped (or typed, with tty). */
async function respond(options: RespondOptions, stdin: string | string[] = '', tty = false): Promise<Ran> {
  const chunks = (Array.isArray(stdin) ? stdin : [stdin]).map((s) => Buffer.from(s));
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIo = {
    stdin: Object.assign(Readable.from(chunks), { isTTY: tty }),
    stdout,
    stderr,
    env: {},
    now: () => 0,
  };
  const code = await run({ at: AT, ...options }, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function usageFailure(options: RespondOptions, stdin = ''): Promise<InputError> {
  const error = await respond(options, stdin).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const e = error as InputError;
  // main.ts turns an InputError into one line on stderr and exit 2.
  expect(e.code).toBe('usage');
  expect(e.message).not.toContain('\n');
  return e;
}

const registry = defaultRegistry();
/** The number a person types to pick a brand (choices are listed in registry order). */
const choice = (kind: 'card_issuer' | 'carrier', id: string) =>
  String(brandsOfKind(registry, kind).findIndex((b) => b.id === id) + 1);
const dontKnow = (kind: 'card_issuer' | 'carrier') => String(brandsOfKind(registry, kind).length + 1);
const situationNumber = (s: Situation) => String(SITUATIONS.indexOf(s) + 1);

const stepTitles = (text: string) => text.split('\n').filter((l) => /^\s*\d+\. \[[ x]\] /.test(l));

describe('mamori respond: answers piped on standard input', () => {
  it('entered data → issuer → carrier: the card stop first, with the issuer numbers, 188 and #9110', async () => {
    const ran = await respond({}, `2\n${choice('card_issuer', 'orico')}\n${choice('carrier', 'docomo')}\n`);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe(''); // no prompts when nobody is at a terminal
    const titles = stepTitles(ran.stdout);
    expect(titles[0]).toBe('1. [ ] カード会社の24時間窓口に電話して、カードを止める');
    expect(titles).toHaveLength(8);
    expect(ran.stdout).toContain('電話: 0120-828-013');
    expect(ran.stdout).toContain('電話: #9110');
    expect(ran.stdout).toContain('電話: 188');
    expect(ran.stdout).toContain('d払い');
  });

  it.each(SITUATIONS)('the steps of %s come in the order of the situation (--json)', async (situation) => {
    const answers = [situationNumber(situation), dontKnow('card_issuer'), dontKnow('carrier')];
    // lost_phone asks the carrier first; "don't know" is the last choice of both lists.
    const stdin = situation === 'lost_phone' ? [answers[0], answers[2], answers[1]] : answers;
    const ran = await respond({ json: true }, `${stdin.join('\n')}\n`);
    const checklist = checklistSchema.parse(JSON.parse(ran.stdout));
    expect(checklist.situation).toBe(situation);
    expect(checklist.steps.map((s) => s.id)).toEqual([...STEP_ORDER[situation]]);
    expect(checklist.created_at).toBe('2026-11-24T01:05:00.000Z');
  });

  it('a received message asks nothing more than the situation', async () => {
    const ran = await respond({ json: true }, '1\n');
    const checklist = checklistSchema.parse(JSON.parse(ran.stdout));
    expect(checklist.steps.map((s) => s.id)).toEqual(['dont_tap', 'report_phishing', 'check_official']);
    expect(checklist.issuer_id).toBeNull();
  });

  it('marks secondary numbers unconfirmed (楽天カード)', async () => {
    const ran = await respond(
      { situation: 'entered_data', carrier: 'unknown' },
      `${choice('card_issuer', 'rakuten_card')}\n`,
    );
    const line = ran.stdout.split('\n').find((l) => l.includes('0120-86-6910'));
    expect(line).toContain('[未確認]');
    expect(ran.stdout).toContain('カードの裏面か、カード会社の公式サイトに書かれた番号と同じか確かめてから');
    const official = ran.stdout.split('\n').find((l) => l.includes('#9110'));
    expect(official).not.toContain('[未確認]');
  });

  it('accepts ids and full-width digits as answers, and CRLF line ends', async () => {
    const ran = await respond({ json: true }, 'unknown_charge\r\njcb\r\n２\r\n');
    const checklist = checklistSchema.parse(JSON.parse(ran.stdout));
    expect(checklist).toMatchObject({
      situation: 'unknown_charge',
      issuer_id: 'jcb',
      carrier_id: brandsOfKind(registry, 'carrier')[1]?.id,
    });
  });

  it('reads answers split across chunks, even inside a UTF-8 character', async () => {
    const bytes = Buffer.from('3\nunknown\nunknown\n');
    const ran = await respond({ json: true }, [
      bytes.subarray(0, 1).toString(),
      bytes.subarray(1).toString(),
    ]);
    expect(JSON.parse(ran.stdout).situation).toBe('unknown_charge');
  });

  it('English: questions answered the same way, checklist in English with the numbers', async () => {
    const ran = await respond(
      { lang: 'en' },
      `4\n${choice('carrier', 'softbank')}\n${dontKnow('card_issuer')}\n`,
    );
    const titles = stepTitles(ran.stdout);
    expect(ran.stdout.split('\n')[0]).toBe('Mamori response checklist: I lost my phone');
    expect(titles[0]).toBe('1. [ ] Contact your carrier and suspend the line');
    expect(ran.stdout).toContain(
      'Call: 0800-919-0113  SoftBank: Lost or stolen phone  hours: 24時間  [unconfirmed]',
    );
    expect(ran.stdout).toContain('Call the number on the back of your card');
  });

  it('English with flags: 188 and #9110 are printed', async () => {
    const ran = await respond({ lang: 'en', situation: 'entered_data', issuer: 'jcb', carrier: 'au' });
    expect(ran.stdout).toContain('Call: #9110  Police consultation line');
    expect(ran.stdout).toContain('Call: 188  Consumer hotline');
    expect(ran.stdout).toContain('Call: 0120-794-082  JCB Co., Ltd.: Lost or stolen cards');
  });
});

describe('mamori respond: flags', () => {
  it('with every answer given as a flag, standard input is never read', async () => {
    const stdin = Object.assign(
      new Readable({
        read() {
          throw new Error('stdin was read');
        },
      }),
      { isTTY: false },
    );
    const stdout = new Capture();
    const code = await run(
      { situation: 'lost_phone', carrier: 'docomo', issuer: 'unknown', at: AT },
      { stdin, stdout, stderr: new Capture(), env: {}, now: () => 0 },
    );
    expect(code).toBe(0);
    expect(stdout.text()).toContain('電話: 0120-524-360');
  });

  it("--registry: an operator's override that verified a number lifts the unconfirmed mark", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-respond-'));
    try {
      const file = join(dir, 'override.json');
      const phone = {
        purpose: 'card_stop_24h',
        number: '0120-86-6910',
        source: 'card back',
        source_type: 'operator',
      };
      writeFileSync(file, JSON.stringify({ organizations: [{ id: 'rakuten_card', phones: [phone] }] }));
      const ran = await respond({
        situation: 'entered_data',
        issuer: 'rakuten_card',
        carrier: 'unknown',
        registry: file,
      });
      const line = ran.stdout.split('\n').find((l) => l.includes('0120-86-6910'));
      expect(line).not.toContain('[未確認]');
      // The other rakuten numbers are still secondary.
      expect(ran.stdout.split('\n').find((l) => l.includes('092-474-9256'))).toContain('[未確認]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown --issuer is a usage error listing the ids, before any question', async () => {
    const e = await usageFailure({ issuer: 'visa' });
    expect(e.message).toMatch(/--issuer "visa" is not known; use one of: jcb, .*unknown/);
  });

  it('a carrier id given as --issuer is refused', async () => {
    await usageFailure({ situation: 'entered_data', issuer: 'docomo', carrier: 'au' });
  });

  it('bad flag values and unknown options are usage errors', async () => {
    expect((await usageFailure({ situation: 'hacked' as Situation })).message).toContain('--situation');
    expect((await usageFailure({ lang: 'fr' as 'en' })).message).toContain('--lang');
    expect((await usageFailure({ at: 'now' })).message).toContain('--at');
    await usageFailure({ verbose: true } as RespondOptions);
  });
});

describe('mamori respond: missing or wrong answers', () => {
  it('piped input that ends before the situation is answered → usage error naming --situation', async () => {
    const e = await usageFailure({}, '');
    expect(e.message).toBe(
      '--situation is needed: give it as a flag or answer the question on standard input',
    );
  });

  it('piped input that ends before the carrier is answered → usage error naming --carrier', async () => {
    const e = await usageFailure({ situation: 'entered_data' }, `${choice('card_issuer', 'jcb')}\n`);
    expect(e.message).toContain('--carrier is needed');
  });

  it('a wrong piped answer is a usage error (never a hang or a guess)', async () => {
    const e = await usageFailure({}, '9\n');
    expect(e.message).toBe('answer "9" for --situation is not one of the choices (1-4)');
    await usageFailure({}, '0\n');
    await usageFailure({ situation: 'entered_data' }, 'visa\n');
  });
});

describe('mamori respond: at a terminal', () => {
  it('shows numbered choices in Japanese on stderr and asks again after a wrong answer', async () => {
    const ran = await respond({}, ['x\n', '1\n'], true);
    expect(ran.stderr).toContain('どうしましたか?あてはまるものを選んでください。');
    expect(ran.stderr).toContain('  1) メッセージが届いた');
    expect(ran.stderr).toContain('  2) カード番号やコードを入力してしまった');
    expect(ran.stderr).toContain('  3) 身に覚えのない請求がある');
    expect(ran.stderr).toContain('  4) スマホをなくした');
    expect(ran.stderr).toContain('1から4の番号を入力してください。');
    expect(stepTitles(ran.stdout)).toHaveLength(3);
  });

  it('lists the card issuers and carriers from the registry, with "don\'t know" last', async () => {
    const ran = await respond({}, `2\n${dontKnow('card_issuer')}\n${dontKnow('carrier')}\n`, true);
    expect(ran.stderr).toContain('お使いのカード会社はどれですか?');
    expect(ran.stderr).toContain(`   ${choice('card_issuer', 'jcb')}) JCB`);
    expect(ran.stderr).toContain(`  ${choice('card_issuer', 'orico')}) オリコ(オリエントコーポレーション)`);
    expect(ran.stderr).toContain('お使いの携帯電話会社はどれですか?');
    expect(ran.stderr).toContain(`   ${choice('carrier', 'docomo')}) NTTドコモ`);
    expect(ran.stderr).toContain(`  ${dontKnow('carrier')}) わからない・この中にない`);
    expect(ran.stdout).toContain('カードの裏面に書かれた電話番号');
  });

  it('English prompts with --lang en', async () => {
    const ran = await respond({ lang: 'en' }, ['1\n'], true);
    expect(ran.stderr).toContain('What happened? Choose the one that fits.');
    expect(ran.stderr).toContain('Number (1-4): ');
  });

  it('end of input at the terminal (Ctrl-D) is a usage error too', async () => {
    const error = await respond({}, [], true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
  });
});
