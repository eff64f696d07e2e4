/**
 * Thresholds of the statement review, with named defaults. One zod schema: the CLI and any other
 * caller pass the same shape.
 */
import { z } from 'zod';

export const DEFAULT_REVIEW_OPTIONS = Object.freeze({
  lang: 'ja' as const,
  /** A "test" charge: fraudsters check a stolen card with a few hundred yen. */
  testChargeMax: 500,
  /** Charges up to this count toward a burst. */
  burstChargeMax: 3_000,
  /** Same merchant: this many small charges within burstWindowHours. */
  burstCount: 3,
  burstWindowHours: 24,
  /** Any merchants, when the file gives times: this many small charges within rapidWindowMinutes. */
  rapidCount: 5,
  rapidWindowMinutes: 60,
  /** A month is a sudden rise when its charges pass both baseline × riseRatio and baseline + riseMinIncrease. */
  riseRatio: 1.5,
  riseMinIncrease: 10_000,
  riseLookbackMonths: 6,
  riseMinBaselineMonths: 1,
  /** Relative change in amount still counted as "the same monthly charge". */
  subscriptionTolerance: 0.1,
  /** Merchants remembered at once (bounded memory). */
  maxMerchants: 50_000,
});

const positive = z.number().positive();
export const reviewOptionsSchema = z.strictObject({
  lang: z.enum(['ja', 'en']).default(DEFAULT_REVIEW_OPTIONS.lang),
  testChargeMax: positive.default(DEFAULT_REVIEW_OPTIONS.testChargeMax),
  burstChargeMax: positive.default(DEFAULT_REVIEW_OPTIONS.burstChargeMax),
  burstCount: z.number().int().min(2).default(DEFAULT_REVIEW_OPTIONS.burstCount),
  burstWindowHours: positive.default(DEFAULT_REVIEW_OPTIONS.burstWindowHours),
  rapidCount: z.number().int().min(2).default(DEFAULT_REVIEW_OPTIONS.rapidCount),
  rapidWindowMinutes: positive.default(DEFAULT_REVIEW_OPTIONS.rapidWindowMinutes),
  riseRatio: z.number().min(1).default(DEFAULT_REVIEW_OPTIONS.riseRatio),
  riseMinIncrease: z.number().min(0).default(DEFAULT_REVIEW_OPTIONS.riseMinIncrease),
  riseLookbackMonths: z.number().int().min(1).max(24).default(DEFAULT_REVIEW_OPTIONS.riseLookbackMonths),
  riseMinBaselineMonths: z
    .number()
    .int()
    .min(1)
    .max(24)
    .default(DEFAULT_REVIEW_OPTIONS.riseMinBaselineMonths),
  subscriptionTolerance: z.number().min(0).max(1).default(DEFAULT_REVIEW_OPTIONS.subscriptionTolerance),
  maxMerchants: z.number().int().min(100).default(DEFAULT_REVIEW_OPTIONS.maxMerchants),
  /** Merchants the person already knows (from earlier statements): never "new". */
  knownMerchants: z.array(z.string()).default([]),
  /** Charges of earlier months not in this file, `YYYY-MM` → yen (the person's own baseline). */
  previousMonths: z.record(z.string().regex(/^\d{4}-\d{2}$/), z.number().min(0)).default({}),
  /**
   * Every month's charges in this file, from a first pass (monthTotals()), so a month is compared
   * with the months before it whatever the row order. Without it, only months already read count.
   */
  monthTotals: z.map(z.string(), z.number()).optional(),
});

export type ReviewOptions = z.input<typeof reviewOptionsSchema>;
export type ResolvedReviewOptions = z.output<typeof reviewOptionsSchema>;
