import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { defaultRegistry } from '../registry/index.ts';
import { buildChecklist } from './build-checklist.ts';
import { markDone } from './mark-done.ts';

const checklist = buildChecklist({
  registry: defaultRegistry(),
  situation: 'entered_data',
  issuerId: 'jcb',
  lang: 'ja',
  at: '2026-11-24T10:05:00+09:00',
});

describe('markDone', () => {
  it('returns a new checklist with the step time-stamped; the input is untouched', () => {
    const done = markDone(checklist, 'card_stop', '2026-11-24T10:12:30+09:00');
    expect(done.steps[0]?.done_at).toBe('2026-11-24T01:12:30.000Z');
    expect(done.steps.slice(1).every((s) => s.done_at === null)).toBe(true);
    expect(checklist.steps[0]?.done_at).toBeNull();
    expect(done).not.toBe(checklist);
  });

  it('keeps the first time when a step is marked again', () => {
    const once = markDone(checklist, 'police', new Date('2026-11-24T02:00:00Z'));
    const twice = markDone(once, 'police', new Date('2026-11-24T03:00:00Z'));
    expect(twice.steps.find((s) => s.id === 'police')?.done_at).toBe('2026-11-24T02:00:00.000Z');
  });

  it('refuses a step the checklist does not have, naming the ones it has', () => {
    expect(() => markDone(checklist, 'line_stop', new Date(0))).toThrow(InputError);
    expect(() => markDone(checklist, 'line_stop', new Date(0))).toThrow(/card_stop, carrier_billing/);
  });

  it('refuses a time that is not a time', () => {
    expect(() => markDone(checklist, 'card_stop', 'yesterday')).toThrow(/ISO 8601/);
  });
});
