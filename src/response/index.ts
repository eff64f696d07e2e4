export type { CarrierBilling, SourcedText } from '../registry/index.ts';
export type { BuildChecklistOptions } from './build-checklist.ts';
export { brandsOfKind, buildChecklist, isoTime, STEP_ORDER } from './build-checklist.ts';
export type {
  Checklist,
  ChecklistStep,
  Lang,
  LocalText,
  Situation,
  StepId,
  StepNote,
  StepPhone,
} from './checklist.ts';
export { checklistSchema, SITUATIONS, STEP_IDS, situationSchema } from './checklist.ts';
export { formatChecklist, japanTime } from './format-checklist.ts';
export { markDone } from './mark-done.ts';
export { SITUATION_LABEL } from './step-text.ts';
export type { StepTaken } from './steps-taken.ts';
export { stepsTaken } from './steps-taken.ts';
