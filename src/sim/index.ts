/** Public surface of the labelled traffic simulator and its evaluation (issue 4). */

export {
  checkTargets,
  type EvaluatedDecision,
  type EvaluatedEvent,
  type EvaluationMetrics,
  Evaluator,
  evaluate,
  type ScenarioMetrics,
  type Share,
  TARGETS,
  type TargetId,
  type TargetResult,
} from './evaluate.ts';
export { formatEvaluation, type Lang } from './format-evaluation.ts';
export { hashSeed, Rng } from './prng.ts';
export {
  ATTACK_SCENARIOS,
  DEFAULT_ATTACK_RATE,
  DEFAULT_START,
  formatTime,
  LEGIT_SCENARIOS,
  parseStart,
  type SimulateOptions,
  simulate,
} from './simulate.ts';
