import { describe, expect, it } from 'vitest';
import { evaluateCorpus } from '../eval/checker/evaluate-corpus.ts';

describe('checker quality on the labelled corpus and lookalike set (issue 3 targets)', () => {
  it('meets every target', async () => {
    const e = await evaluateCorpus();
    expect(e.rows.length).toBeGreaterThanOrEqual(200);
    expect(e.lookalikes.total).toBeGreaterThan(1000);
    const failed = e.targets.filter((t) => !t.pass).map((t) => `${t.name}: ${t.value}`);
    expect(failed).toEqual([]);
  });
});
