/**
 * markDone: records that the person finished a step, with the time (issue 6: "each step can be
 * marked done and is time-stamped"). Pure: returns a new checklist, the old one is untouched.
 */
import { InputError } from '../errors.ts';
import { isoTime } from './build-checklist.ts';
import type { Checklist } from './checklist.ts';

/**
 * Marks `stepId` done at `at`. A step already done keeps its first time: the record is of when it
 * was done, and marking it again (a double tap) must not move that time.
 */
export function markDone(checklist: Checklist, stepId: string, at: Date | string): Checklist {
  const index = checklist.steps.findIndex((s) => s.id === stepId);
  if (index < 0) {
    throw new InputError(
      'unknown_step',
      `this checklist has no step "${stepId}"; its steps are: ${checklist.steps.map((s) => s.id).join(', ')}`,
    );
  }
  const time = isoTime(at);
  return {
    ...checklist,
    steps: checklist.steps.map((s, i) => (i === index && s.done_at === null ? { ...s, done_at: time } : s)),
  };
}
