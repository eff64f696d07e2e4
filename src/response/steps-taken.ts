/**
 * stepsTaken: the done steps of a checklist as the "steps taken" of an evidence report, in the
 * shape `mamori report --steps FILE` reads (src/cli/commands/report.ts `stepsFileSchema`:
 * `[{at, step, note?}]`), oldest first.
 */
import type { Checklist, Lang } from './checklist.ts';

export interface StepTaken {
  at: string;
  step: string;
  note?: string;
}

export function stepsTaken(checklist: Checklist, lang: Lang = checklist.lang): StepTaken[] {
  const taken: StepTaken[] = [];
  for (const s of checklist.steps) {
    if (s.done_at === null) continue;
    const called = s.phones.map((p) => p.number);
    taken.push({
      at: s.done_at,
      step: s.title[lang],
      ...(called.length > 0
        ? { note: `${lang === 'en' ? 'numbers shown' : '表示した番号'}: ${called.join(', ')}` }
        : {}),
    });
  }
  return taken.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
