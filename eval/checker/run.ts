/**
 * npm run eval:checker — runs the checker over the labelled corpus (eval/checker/corpus) and the
 * lookalike set (eval/lookalikes), and prints a confusion matrix, per-reason counts and the
 * targets from the issue. Exit 1 when a target is missed, so CI can run it too.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkMessage, parseEmail, type CheckResult, type Verdict } from '../../src/checker/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, 'corpus');
const lookalikeDir = join(here, '..', 'lookalikes');

interface Row { id: string; label: 'phishing' | 'genuine'; result: CheckResult; style?: string }

async function main() {
  const rows: Row[] = [];
  const lines = (await readFile(join(corpus, 'messages.jsonl'), 'utf8')).split('\n').filter((l) => l.trim());
  for (const line of lines) {
    const m = JSON.parse(line) as { id: string; label: Row['label']; text: string; channel?: 'sms' | 'email'; sender?: string; subject?: string; style?: string };
    rows.push({ id: m.id, label: m.label, style: m.style, result: checkMessage({ text: m.text, channel: m.channel, sender: m.sender, subject: m.subject }) });
  }
  const labels = JSON.parse(await readFile(join(corpus, 'eml', 'labels.json'), 'utf8')) as Record<string, { label: Row['label'] }>;
  for (const file of (await readdir(join(corpus, 'eml'))).filter((f) => f.endsWith('.eml')).sort()) {
    const label = labels[file]?.label;
    if (!label) continue;
    const input = await parseEmail(await readFile(join(corpus, 'eml', file)));
    rows.push({ id: file, label, style: 'eml', result: checkMessage(input) });
  }

  const verdicts: Verdict[] = ['phishing', 'suspicious', 'no_signs'];
  const matrix = { phishing: { phishing: 0, suspicious: 0, no_signs: 0 }, genuine: { phishing: 0, suspicious: 0, no_signs: 0 } };
  const reasonCounts = new Map<string, { phishing: number; genuine: number }>();
  for (const r of rows) {
    matrix[r.label][r.result.verdict]++;
    for (const code of new Set(r.result.reasons.map((x) => x.code))) {
      const c = reasonCounts.get(code) ?? { phishing: 0, genuine: 0 };
      c[r.label]++;
      reasonCounts.set(code, c);
    }
  }
  const nP = rows.filter((r) => r.label === 'phishing').length;
  const nG = rows.length - nP;
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

  console.log(`Labelled messages: ${rows.length} (${nP} phishing, ${nG} genuine)\n`);
  console.log(`${'label \\ verdict'.padEnd(18)}${verdicts.map((v) => v.padStart(12)).join('')}`);
  for (const label of ['phishing', 'genuine'] as const) {
    console.log(`${label.padEnd(18)}${verdicts.map((v) => String(matrix[label][v]).padStart(12)).join('')}`);
  }
  console.log('\nReasons (messages with the reason: phishing / genuine)');
  for (const [code, c] of [...reasonCounts].sort((a, b) => b[1].phishing + b[1].genuine - a[1].phishing - a[1].genuine)) {
    console.log(`  ${code.padEnd(26)}${String(c.phishing).padStart(5)} /${String(c.genuine).padStart(4)}`);
  }

  // Lookalike domains in a typical lure, and the official-domain control set.
  const lookalikes = (await readFile(join(lookalikeDir, 'lookalikes.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { domain: string; fuzzer: string });
  let laFlagged = 0;
  const missedByFuzzer = new Map<string, string[]>();
  for (const l of lookalikes) {
    const r = checkMessage({ text: `お客様のアカウントで確認が必要です。詳細: https://${l.domain}/login` });
    if (r.verdict !== 'no_signs') laFlagged++;
    else missedByFuzzer.set(l.fuzzer, [...(missedByFuzzer.get(l.fuzzer) ?? []), l.domain]);
  }
  const officials = (await readFile(join(lookalikeDir, 'officials.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { domain: string; brand: string });
  let offFlagged = 0;
  for (const o of officials) {
    const r = checkMessage({ text: `お客様のアカウントで確認が必要です。詳細: https://${o.domain}/` });
    if (r.verdict !== 'no_signs' || r.reasons.some((x) => /lookalike|homoglyph|brand_in/.test(x.code))) {
      offFlagged++;
      console.log(`  official flagged: ${o.domain} → ${r.verdict} ${r.reasons.map((x) => x.code).join(',')}`);
    }
  }
  console.log(`\nLookalike domains flagged: ${laFlagged}/${lookalikes.length} (${pct(laFlagged, lookalikes.length)})`);
  for (const [f, list] of missedByFuzzer) console.log(`  missed ${f}: ${list.length} e.g. ${list.slice(0, 5).join(' ')}`);
  console.log(`Official domains flagged: ${offFlagged}/${officials.length} (${pct(offFlagged, officials.length)})`);

  const flaggedP = matrix.phishing.phishing + matrix.phishing.suspicious;
  const targets: Array<[string, boolean, string]> = [
    ['phishing flagged (phishing or suspicious) ≥ 98%', flaggedP / nP >= 0.98, pct(flaggedP, nP)],
    ['phishing called phishing ≥ 90%', matrix.phishing.phishing / nP >= 0.9, pct(matrix.phishing.phishing, nP)],
    ['genuine called phishing ≤ 2%', matrix.genuine.phishing / nG <= 0.02, pct(matrix.genuine.phishing, nG)],
    ['genuine flagged ≤ 10%', (matrix.genuine.phishing + matrix.genuine.suspicious) / nG <= 0.1, pct(matrix.genuine.phishing + matrix.genuine.suspicious, nG)],
    ['lookalikes flagged ≥ 95%', laFlagged / lookalikes.length >= 0.95, pct(laFlagged, lookalikes.length)],
    ['official domains flagged 0%', offFlagged === 0, pct(offFlagged, officials.length)],
  ];
  console.log('\nTargets');
  for (const [name, ok, value] of targets) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(48)} ${value}`);

  if (process.argv.includes('--errors')) {
    console.log('\nMisclassified');
    for (const r of rows) {
      const wrong = r.label === 'phishing' ? r.result.verdict !== 'phishing' : r.result.verdict !== 'no_signs';
      if (wrong) console.log(`  ${r.id} [${r.label}→${r.result.verdict} ${r.result.score}] ${r.style ?? ''}: ${r.result.reasons.map((x) => `${x.code}`).join(', ')}`);
    }
  }
  process.exitCode = targets.every((t) => t[1]) ? 0 : 1;
}

await main();
