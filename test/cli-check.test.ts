/**
 * End-to-end tests of `mamori check` (../shared/contracts/checker.md "CLI" and "Batch"; issue 3
 * "Bad input"), run in-process through src/cli/main.ts with captured streams.
 */
import { closeSync, openSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/cli.ts';

const tmp = tempDir('mamori-cli-');
afterAll(() => tmp.cleanup());

const PHISHING_SMS =
  '【NTTドコモ】ご利用料金が未払いです。本日中に https://docomo-ryokin.top/pay でお支払いください';
const PLAIN_NOTICE =
  '【ドコモ】いつもご利用ありがとうございます。今月のご利用料金が確定しました。詳細は My docomo アプリでご確認ください。';

const EXIT_BY_VERDICT = { no_signs: 0, suspicious: 1, phishing: 3 } as const;

/** Every field of the contract's result object, with its type. */
function expectContractShape(result: Record<string, unknown>): void {
  expect(Object.keys(result).sort()).toEqual(
    ['advice', 'brand', 'links', 'phones', 'reasons', 'score', 'verdict'].sort(),
  );
  expect(['phishing', 'suspicious', 'no_signs']).toContain(result.verdict);
  expect(typeof result.score).toBe('number');
  expect(result.score).toBeGreaterThanOrEqual(0);
  expect(result.score).toBeLessThanOrEqual(100);
  expect(result.brand === null || typeof result.brand === 'string').toBe(true);
  for (const key of ['reasons', 'links', 'phones', 'advice']) expect(Array.isArray(result[key])).toBe(true);
  for (const r of result.reasons as Record<string, unknown>[]) {
    expect(typeof r.code).toBe('string');
    expect(r.code).toMatch(/^[a-z0-9_]+$/);
    expect(['high', 'medium', 'low', 'info']).toContain(r.severity);
    expect(typeof r.message).toBe('string');
    expect(typeof r.evidence).toBe('string');
  }
  for (const l of result.links as Record<string, unknown>[]) {
    expect(typeof l.url).toBe('string');
    expect(typeof l.domain).toBe('string');
    expect(typeof l.official).toBe('boolean');
  }
  for (const p of result.phones as Record<string, unknown>[]) {
    expect(typeof p.number).toBe('string');
    expect(typeof p.official).toBe('boolean');
  }
  for (const a of result.advice as Record<string, unknown>[]) {
    expect(typeof a.message).toBe('string');
    expect(a.official_url === null || typeof a.official_url === 'string').toBe(true);
  }
}

/** A usage error: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectUsageError(run: { code: number; stdout: string; stderr: string }, pattern?: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^mamori: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  if (pattern) expect(run.stderr).toMatch(pattern);
}

describe('mamori check: one message', () => {
  it('checks text given as an argument and prints the Japanese report', async () => {
    const run = await runCli(['check', PHISHING_SMS]);
    expect([0, 1, 3]).toContain(run.code);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^判定: \S.* \(\d{1,3}\/100\)\n/);
    expect(run.stdout).toContain('理由:');
    expect(run.stdout).not.toContain('安全');
  });

  it('reads the message from standard input', async () => {
    const run = await runCli(['check'], { stdin: `${PHISHING_SMS}\n` });
    expect([0, 1, 3]).toContain(run.code);
    expect(run.stdout).toMatch(/^判定: /);
  });

  it('prints the English report with --lang en', async () => {
    const run = await runCli(['check', '--lang', 'en', PHISHING_SMS]);
    expect(run.stdout).toMatch(/^Verdict: \S.* \(\d{1,3}\/100\)\n/);
    expect(run.stdout).toContain('Reasons:');
  });

  it('--json prints the result object with every contract field, and the exit code follows the verdict', async () => {
    for (const text of [PHISHING_SMS, PLAIN_NOTICE]) {
      const run = await runCli(['check', '--json', '--sender', 'docomo', '--channel', 'sms', text]);
      const result = JSON.parse(run.stdout) as Record<string, unknown>;
      expectContractShape(result);
      expect(run.code).toBe(EXIT_BY_VERDICT[result.verdict as keyof typeof EXIT_BY_VERDICT]);
    }
  });

  it('joins several words given without quotes', async () => {
    const run = await runCli(['check', '--json', 'ドコモです', 'ご確認ください']);
    expect([0, 1, 3]).toContain(run.code);
    expectContractShape(JSON.parse(run.stdout));
  });
});

describe('mamori check: bad input is a one-line usage error, exit 2', () => {
  it('empty text argument', async () => {
    expectUsageError(await runCli(['check', '']), /empty/);
    expectUsageError(await runCli(['check', '   ']), /empty/);
  });

  it('empty or blank standard input', async () => {
    expectUsageError(await runCli(['check'], { stdin: '' }), /empty/);
    expectUsageError(await runCli(['check'], { stdin: ' \n\t\n' }), /empty/);
  });

  it('no text and standard input is a terminal', async () => {
    expectUsageError(await runCli(['check']), /no message given/);
  });

  it('invalid UTF-8 on standard input', async () => {
    // Shift_JIS 「ドコモ」 is not UTF-8.
    const sjis = Uint8Array.from([0x83, 0x68, 0x83, 0x52, 0x83, 0x82]);
    expectUsageError(await runCli(['check'], { stdin: sjis }), /UTF-8/);
  });

  it('binary data (NUL bytes) on standard input', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expectUsageError(await runCli(['check'], { stdin: png }), /binary/);
  });

  it('standard input over 20 MB', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x61);
    expectUsageError(await runCli(['check'], { stdin: big }), /20 MB/);
  });

  it('--eml file that is not there', async () => {
    expectUsageError(await runCli(['check', '--eml', tmp.path('missing.eml')]), /not found/);
  });

  it('--eml that is a directory', async () => {
    expectUsageError(await runCli(['check', '--eml', tmp.dir]), /directory/);
  });

  it('--eml file over 20 MB is refused before it is read', async () => {
    const file = tmp.path('huge.eml');
    closeSync(openSync(file, 'w'));
    truncateSync(file, 20 * 1024 * 1024 + 1); // sparse: no 20 MB written to disk
    expectUsageError(await runCli(['check', '--eml', file]), /20 MB/);
  });

  it('--eml file that is empty', async () => {
    const file = tmp.path('empty.eml');
    writeFileSync(file, '');
    expectUsageError(await runCli(['check', '--eml', file]), /empty/);
  });

  it('unknown flag, bad --lang, bad --channel', async () => {
    expectUsageError(await runCli(['check', '--jsn', 'x']), /unknown option/);
    expectUsageError(await runCli(['check', '--lang', 'fr', 'x']), /--lang/);
    expectUsageError(await runCli(['check', '--channel', 'fax', 'x']), /--channel/);
  });

  it('text together with --eml, --out without --batch, --batch with text', async () => {
    const eml = tmp.path('x.eml');
    writeFileSync(eml, 'Subject: x\r\n\r\nbody\r\n');
    expectUsageError(await runCli(['check', '--eml', eml, 'text']), /not both/);
    expectUsageError(await runCli(['check', '--out', tmp.path('o.jsonl'), 'text']), /--out/);
    expectUsageError(await runCli(['check', '--batch', eml, 'text']), /--batch/);
  });

  it('a registry override file that is not there', async () => {
    expectUsageError(await runCli(['check', '--registry', tmp.path('nope.json'), 'x']), /registry/);
  });

  it('a bad registry override file (flag or MAMORI_REGISTRY): one line naming entry and field', async () => {
    const file = tmp.path('bad-registry.json');
    writeFileSync(
      file,
      JSON.stringify({ organizations: [{ id: 'docomo', official_domains: ['Not A Host'] }, { id: 5 }] }),
    );
    const byFlag = await runCli(['check', '--registry', file, 'x']);
    expectUsageError(byFlag, /organizations\[0\].*official_domains.*; organizations\[1\].*id/);
    expectUsageError(await runCli(['check', 'x'], { env: { MAMORI_REGISTRY: file } }), /official_domains/);
  });

  it('a valid registry override file is used', async () => {
    const file = tmp.path('registry.json');
    writeFileSync(file, JSON.stringify({ organizations: [] }));
    const run = await runCli(['check', '--registry', file, '--json', PLAIN_NOTICE]);
    expect([0, 1, 3]).toContain(run.code);
    expect(run.stderr).toBe('');
  });

  it('no command at all shows usage and exits 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: mamori');
  });

  it('--help exits 0', async () => {
    const run = await runCli(['check', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--batch');
  });
});

describe('mamori check --batch', () => {
  const lines = [
    JSON.stringify({ id: 'a', text: PHISHING_SMS, channel: 'sms', sender: 'NTTDOCOMO' }),
    JSON.stringify({ text: PLAIN_NOTICE }),
    '{not json',
    JSON.stringify({ id: 'no-text', sender: 'x' }),
    '',
    JSON.stringify({ id: 7, text: '' }),
    JSON.stringify({ id: 'bad-channel', text: 'x', channel: 'fax' }),
    JSON.stringify([1, 2]),
    JSON.stringify({ id: 'last', text: 'メールアドレスの確認をお願いします', subject: '確認' }),
  ];

  function readLines(text: string): Record<string, unknown>[] {
    return text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  it('writes one line per input line, in order, with ids; bad lines get an error and the batch goes on', async () => {
    const file = tmp.path('in.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = await runCli(['check', '--batch', file]);
    expect(run.code).toBe(0);
    const out = readLines(run.stdout);
    expect(out).toHaveLength(lines.length);
    expect(out.map((o) => o.id)).toEqual(['a', 2, 3, 'no-text', 5, 7, 'bad-channel', 8, 'last']);

    for (const i of [0, 1, 8]) {
      const { id: _id, ...result } = out[i] as Record<string, unknown>;
      expectContractShape(result);
    }
    expect(out[2]?.error).toEqual({ code: 'invalid_json', message: expect.any(String) });
    expect(out[3]?.error).toEqual({ code: 'invalid_line', message: expect.stringMatching(/^text: /) });
    expect(out[4]?.error).toEqual({ code: 'empty_line', message: expect.any(String) });
    expect(out[5]?.error).toEqual({ code: 'invalid_line', message: expect.stringMatching(/^text: .*empty/) });
    expect(out[6]?.error).toEqual({ code: 'invalid_line', message: expect.stringMatching(/^channel: /) });
    expect(out[7]?.error).toMatchObject({ code: 'invalid_line' });
    for (const o of out) if ('error' in o) expect(Object.keys(o).sort()).toEqual(['error', 'id']);

    // One summary line on stderr: counts per verdict and errors, elapsed time.
    const summary = run.stderr.trimEnd().split('\n');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(
      /^9 行を確認: フィッシング \d+, 要注意 \d+, 不審な点なし \d+, エラー 6 \(\d+\.\d 秒\)$/,
    );
    const counted = (summary[0] ?? '').match(/フィッシング (\d+), 要注意 (\d+), 不審な点なし (\d+)/);
    expect(Number(counted?.[1]) + Number(counted?.[2]) + Number(counted?.[3])).toBe(3);
  });

  it('--out writes the results to a file and nothing to stdout; English summary with --lang en', async () => {
    const file = tmp.path('in2.jsonl');
    const outFile = tmp.path('out2.jsonl');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`); // CRLF line ends as Windows editors write
    const run = await runCli(['check', '--batch', file, '--out', outFile, '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^checked 9 lines: phishing \d+, suspicious \d+, no_signs \d+, errors 6 \(\d+\.\d s\)\n$/,
    );
    const out = readLines(readFileSync(outFile, 'utf8'));
    expect(out.map((o) => o.id)).toEqual(['a', 2, 3, 'no-text', 5, 7, 'bad-channel', 8, 'last']);
  });

  it('keeps order and line-number ids over thousands of lines, with a BOM and no final newline', async () => {
    const file = tmp.path('many.jsonl');
    const n = 3000;
    const body = Array.from({ length: n }, (_, i) =>
      i % 10 === 9 ? 'oops' : JSON.stringify({ text: `お知らせ ${i + 1}` }),
    ).join('\n');
    writeFileSync(file, `\uFEFF${body}`);
    const run = await runCli(['check', '--batch', file]);
    expect(run.code).toBe(0);
    const out = readLines(run.stdout);
    expect(out).toHaveLength(n);
    out.forEach((o, i) => {
      expect(o.id).toBe(i + 1);
      expect('error' in o).toBe(i % 10 === 9);
    });
  });

  it('shows a progress bar only when stderr is a terminal, and still ends with the summary', async () => {
    const file = tmp.path('tty.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = await runCli(['check', '--batch', file], { stderrIsTTY: true });
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(lines.length);
    expect(run.stderr).toMatch(/9 行を確認: .*\n$/);
  });

  it('an empty batch file is read completely: no output lines, exit 0', async () => {
    const file = tmp.path('empty.jsonl');
    writeFileSync(file, '');
    const run = await runCli(['check', '--batch', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^0 行を確認/);
  });

  it('exit 2 with one line when the batch file cannot be read at all', async () => {
    expectUsageError(await runCli(['check', '--batch', tmp.path('nope.jsonl')]), /not found/);
    expectUsageError(await runCli(['check', '--batch', tmp.dir]), /directory/);
  });

  it('exit 2 with one line when --out cannot be written', async () => {
    const file = tmp.path('in3.jsonl');
    writeFileSync(file, `${lines[0]}\n`);
    expectUsageError(
      await runCli(['check', '--batch', file, '--out', tmp.path('no/such/dir/out.jsonl')]),
      /cannot write/,
    );
  });
});

describe('with the real checker', () => {
  // These hold once src/checker/index.ts is the real analysis (the placeholder always answers
  // "suspicious" and has no parseEmail yet).
  const eml = [
    'From: "NTTドコモ" <info@docomo-ryokin.top>',
    'To: you@example.jp',
    'Subject: =?UTF-8?B?44CQ6YeN6KaB44CR44GU5Yip55So5paZ6YeR44Gu44GK5pSv5omV44GE?=',
    'Date: Tue, 24 Nov 2026 10:15:00 +0900',
    'Message-ID: <1@docomo-ryokin.top>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'ご利用料金が未払いです。本日中に下記よりお支払いください。',
    'https://docomo-ryokin.top/pay',
    '',
  ].join('\r\n');

  it('a blatant phishing SMS gives exit 3 and verdict phishing', async () => {
    const run = await runCli(['check', '--json', PHISHING_SMS]);
    expect(run.code).toBe(3);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expectContractShape(result);
    expect(result.verdict).toBe('phishing');
    expect(result.brand).toBe('docomo');
    expect(result.links).toContainEqual(
      expect.objectContaining({ domain: 'docomo-ryokin.top', official: false }),
    );
  });

  it('the readable report says so, with 非公式 for the link', async () => {
    const run = await runCli(['check', PHISHING_SMS]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^判定: フィッシングの可能性が高い \(\d+\/100\)/);
    expect(run.stdout).toContain('[非公式] https://docomo-ryokin.top/pay');
  });

  it('every verdict carries reasons (contract "Verdicts"), no_signs included', async () => {
    for (const text of [PHISHING_SMS, PLAIN_NOTICE]) {
      const result = JSON.parse((await runCli(['check', '--json', text])).stdout) as { reasons: unknown[] };
      expect(result.reasons.length, text).toBeGreaterThan(0);
    }
  });

  it('a notice with no link, phone or request is never phishing', async () => {
    const run = await runCli(['check', PLAIN_NOTICE]);
    expect([0, 1]).toContain(run.code);
  });

  it('--eml reads a raw e-mail (RFC 2047 subject, display-name spoofing)', async () => {
    const file = tmp.path('phish.eml');
    writeFileSync(file, eml);
    const run = await runCli(['check', '--eml', file, '--json']);
    expect(run.code).toBe(3);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expectContractShape(result);
    expect(result.verdict).toBe('phishing');
  });

  it('--eml - reads the e-mail from standard input', async () => {
    const run = await runCli(['check', '--eml', '-', '--json'], { stdin: eml });
    expect(run.code).toBe(3);
  });

  it('a broken e-mail is a one-line error, exit 2', async () => {
    const file = tmp.path('broken.eml');
    writeFileSync(file, Uint8Array.from([0x00, 0xff, 0xfe, 0x00, 0x01, 0x02]));
    expectUsageError(await runCli(['check', '--eml', file]));
  });
});
