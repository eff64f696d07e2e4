/**
 * npm run eval:checker [-- --errors] — confusion matrix, per-reason counts and the issue's
 * targets on the labelled corpus and the lookalike set. Exit 1 when a target is missed.
 */
import type { Verdict } from '../../src/checker/index.ts';
import { evaluateCorpus } from './evaluate-corpus.ts';

const e = await evaluateCorpus();
const verdicts: Verdict[] = ['phishing', 'suspicious', 'no_signs'];
const nP = e.rows.filter((r) => r.label === 'phishing').length;
console.log(`Labelled messages: ${e.rows.length} (${nP} phishing, ${e.rows.length - nP} genuine)\n`);
console.log(`${'label \\ verdict'.padEnd(18)}${verdicts.map((v) => v.padStart(12)).join('')}`);
for (const label of ['phishing', 'genuine'] as const) {
  console.log(`${label.padEnd(18)}${verdicts.map((v) => String(e.matrix[label][v]).padStart(12)).join('')}`);
}
console.log('\nReasons (messages with the reason: phishing / genuine)');
for (const [code, c] of [...e.reasonCounts].sort(
  (a, b) => b[1].phishing + b[1].genuine - a[1].phishing - a[1].genuine,
)) {
  console.log(`  ${code.padEnd(26)}${String(c.phishing).padStart(5)} /${String(c.genuine).padStart(4)}`);
}
console.log(`\nLookalike domains flagged: ${e.lookalikes.flagged}/${e.lookalikes.total}`);
for (const [fuzzer, list] of e.lookalikes.missed)
  console.log(`  missed ${fuzzer}: ${list.length}, e.g. ${list.slice(0, 5).join(' ')}`);
console.log(
  `Official domains flagged: ${e.officials.flagged.length}/${e.officials.total} ${e.officials.flagged.join(' ')}`,
);
console.log('\nTargets');
for (const t of e.targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name.padEnd(48)} ${t.value}`);
if (process.argv.includes('--errors')) {
  console.log('\nMisclassified');
  for (const r of e.rows) {
    const wrong = r.label === 'phishing' ? r.result.verdict !== 'phishing' : r.result.verdict !== 'no_signs';
    if (wrong)
      console.log(
        `  ${r.id} [${r.label}→${r.result.verdict} ${r.result.score}] ${r.style ?? ''}: ${r.result.reasons.map((x) => x.code).join(', ')}`,
      );
  }
}
process.exitCode = e.targets.every((t) => t.pass) ? 0 : 1;
