import { describe, expect, it } from 'vitest';
import { stepsFileSchema } from '../cli/commands/report.ts';
import { defaultRegistry } from '../registry/index.ts';
import { buildChecklist } from './build-checklist.ts';
import { markDone } from './mark-done.ts';
import { stepsTaken } from './steps-taken.ts';

describe('stepsTaken', () => {
  it('lists the done steps oldest first, in the shape `mamori report --steps` reads', () => {
    let c = buildChecklist({
      registry: defaultRegistry(),
      situation: 'entered_data',
      issuerId: 'orico',
      lang: 'ja',
      at: '2026-11-24T10:05:00+09:00',
    });
    c = markDone(c, 'police', '2026-11-24T11:00:00+09:00');
    c = markDone(c, 'card_stop', '2026-11-24T10:10:00+09:00');
    const taken = stepsTaken(c);
    expect(taken).toEqual([
      {
        at: '2026-11-24T01:10:00.000Z',
        step: 'カード会社の24時間窓口に電話して、カードを止める',
        note: '表示した番号: 0120-828-013, 0570-080-848, 81-11-700-2952',
      },
      { at: '2026-11-24T02:00:00.000Z', step: '警察に相談する', note: '表示した番号: #9110' },
    ]);
    expect(stepsFileSchema.safeParse(taken).success).toBe(true);
    expect(stepsTaken(c, 'en')[1]?.step).toBe('Talk to the police');
  });
});
