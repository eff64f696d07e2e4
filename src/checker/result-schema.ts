/** The result object as a schema: used by property tests and to document the HTTP response. */
import { z } from 'zod';

export const checkResultSchema = z.strictObject({
  verdict: z.enum(['phishing', 'suspicious', 'no_signs']),
  score: z.number().int().min(0).max(100),
  brand: z.string().nullable(),
  reasons: z.array(
    z.strictObject({
      code: z.string().regex(/^[a-z][a-z0-9_]*$/),
      severity: z.enum(['high', 'medium', 'low', 'info']),
      message: z.string().min(1),
      evidence: z.string(),
    }),
  ),
  links: z.array(z.strictObject({ url: z.string(), domain: z.string(), official: z.boolean() })),
  phones: z.array(z.strictObject({ number: z.string(), official: z.boolean() })),
  advice: z.array(z.strictObject({ message: z.string().min(1), official_url: z.string().nullable() })),
});
