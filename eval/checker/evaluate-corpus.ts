/**
 * Runs the checker over the labelled corpus (eval/checker/corpus) and the lookalike set
 * (eval/lookalikes) and measures the targets of issue 3. Used by `npm run eval:checker` and by
 * test/checker-eval.test.ts, so a change that breaks the targets fails CI.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CheckResult, checkMessage, parseEmail, type Verdict } from '../../src/checker/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, 'corpus');
const lookalikeDir = join(here, '..', 'lookalikes');

export interface EvalRow {
  id: string;
  label: 'phishing' | 'genuine';
  style?: string;
  result: CheckResult;
}

export interface Target {
  name: string;
  pass: boolean;
  value: string;
}

export interface CorpusEvaluation {
  rows: EvalRow[];
  matrix: Record<EvalRow['label'], Record<Verdict, number>>;
  reasonCounts: Map<string, { phishing: number; genuine: number }>;
  lookalikes: { total: number; flagged: number; missed: Map<string, string[]> };
  officials: { total: number; flagged: string[] };
  targets: Target[];
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

async function jsonLines<T>(file: string): Promise<T[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export async function evaluateCorpus(): Promise<CorpusEvaluation> {
  const rows: EvalRow[] = [];
  type Line = {
    id: string;
    label: EvalRow['label'];
    text: string;
    channel?: 'sms' | 'email';
    sender?: string;
    subject?: string;
    style?: string;
  };
  for (const m of await jsonLines<Line>(join(corpus, 'messages.jsonl'))) {
    const input = {
      text: m.text,
      ...(m.channel ? { channel: m.channel } : {}),
      ...(m.sender ? { sender: m.sender } : {}),
      ...(m.subject ? { subject: m.subject } : {}),
    };
    rows.push({
      id: m.id,
      label: m.label,
      ...(m.style ? { style: m.style } : {}),
      result: checkMessage(input),
    });
  }
  const labels = JSON.parse(await readFile(join(corpus, 'eml', 'labels.json'), 'utf8')) as Record<
    string,
    { label: EvalRow['label'] }
  >;
  for (const file of (await readdir(join(corpus, 'eml'))).filter((f) => f.endsWith('.eml')).sort()) {
    const label = labels[file]?.label;
    if (!label) continue;
    rows.push({
      id: file,
      label,
      style: 'eml',
      result: checkMessage(await parseEmail(await readFile(join(corpus, 'eml', file)))),
    });
  }

  const matrix = {
    phishing: { phishing: 0, suspicious: 0, no_signs: 0 },
    genuine: { phishing: 0, suspicious: 0, no_signs: 0 },
  };
  const reasonCounts = new Map<string, { phishing: number; genuine: number }>();
  for (const r of rows) {
    matrix[r.label][r.result.verdict]++;
    for (const code of new Set(r.result.reasons.map((x) => x.code))) {
      const c = reasonCounts.get(code) ?? { phishing: 0, genuine: 0 };
      c[r.label]++;
      reasonCounts.set(code, c);
    }
  }

  // Lookalike domains in a plain lure that names no brand, and the official-domain control set.
  const lure = (domain: string) => `お客様のアカウントで確認が必要です。詳細: https://${domain}/login`;
  const lookalikes = await jsonLines<{ domain: string; fuzzer: string }>(
    join(lookalikeDir, 'lookalikes.jsonl'),
  );
  const missed = new Map<string, string[]>();
  let flagged = 0;
  for (const l of lookalikes) {
    if (checkMessage({ text: lure(l.domain) }).verdict !== 'no_signs') flagged++;
    else missed.set(l.fuzzer, [...(missed.get(l.fuzzer) ?? []), l.domain]);
  }
  const officials = await jsonLines<{ domain: string }>(join(lookalikeDir, 'officials.jsonl'));
  const officialFlagged = officials
    .filter((o) => {
      const r = checkMessage({ text: lure(o.domain) });
      return r.verdict !== 'no_signs' || r.reasons.some((x) => /lookalike|homoglyph|brand_in/.test(x.code));
    })
    .map((o) => o.domain);

  const nP = rows.filter((r) => r.label === 'phishing').length;
  const nG = rows.length - nP;
  const flaggedP = matrix.phishing.phishing + matrix.phishing.suspicious;
  const flaggedG = matrix.genuine.phishing + matrix.genuine.suspicious;
  const targets: Target[] = [
    {
      name: 'phishing flagged (phishing or suspicious) ≥ 98%',
      pass: flaggedP / nP >= 0.98,
      value: pct(flaggedP, nP),
    },
    {
      name: 'phishing called phishing ≥ 90%',
      pass: matrix.phishing.phishing / nP >= 0.9,
      value: pct(matrix.phishing.phishing, nP),
    },
    {
      name: 'genuine called phishing ≤ 2%',
      pass: matrix.genuine.phishing / nG <= 0.02,
      value: pct(matrix.genuine.phishing, nG),
    },
    { name: 'genuine flagged ≤ 10%', pass: flaggedG / nG <= 0.1, value: pct(flaggedG, nG) },
    {
      name: 'lookalikes flagged ≥ 95%',
      pass: flagged / lookalikes.length >= 0.95,
      value: pct(flagged, lookalikes.length),
    },
    {
      name: 'official domains flagged 0%',
      pass: officialFlagged.length === 0,
      value: pct(officialFlagged.length, officials.length),
    },
  ];
  return {
    rows,
    matrix,
    reasonCounts,
    lookalikes: { total: lookalikes.length, flagged, missed },
    officials: { total: officials.length, flagged: officialFlagged },
    targets,
  };
}
