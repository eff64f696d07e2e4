/**
 * The one zod schema for a message handed to the checker from outside: the HTTP JSON body of
 * POST /api/check and (extended with `id`) each line of `mamori check --batch`
 * (../shared/contracts/checker.md "Batch" and "HTTP"). Only `text` is required.
 *
 * The web app's check page validates with the same schemas (web/src/pages/check.tsx), so this
 * file imports nothing but zod.
 *
 * TODO(lead): this describes checker input, so it may move to src/checker/ and be re-exported
 * from its index.ts; the CLI and the route import it from here for now.
 */
import { z } from 'zod';

/** Upper bound for one message's text: the CLI's 20 MB file limit, in characters. */
const MAX_TEXT_CHARS = 20 * 1024 * 1024;

/**
 * POST /api/check's default body limit (`BODY_LIMIT`, CONFIG_DEFAULTS in src/config.ts; a test
 * keeps the two equal). The web app checks a pasted message or an .eml file against it before
 * sending, so a person hears "too large" at once rather than after an upload (a server configured
 * with a larger limit is then stricter in the browser than it needs to be, never looser).
 */
export const DEFAULT_CHECK_BODY_BYTES = 1024 * 1024;

/** What the browser is about to send to POST /api/check: the JSON body or the .eml, in bytes. */
export const checkUploadSchema = z.object({
  bytes: z
    .number()
    .int()
    .min(1, 'is empty')
    .max(DEFAULT_CHECK_BODY_BYTES, `is larger than ${DEFAULT_CHECK_BODY_BYTES} bytes`),
});

export const checkInputSchema = z.object(
  {
    text: z
      .string({ error: 'is required and must be a string' })
      .max(MAX_TEXT_CHARS, 'is longer than 20 MB')
      .refine((s) => s.trim() !== '', 'must not be empty'),
    channel: z.enum(['sms', 'email'], { error: 'must be "sms" or "email"' }).optional(),
    /** SMS sender id or number, or the e-mail From address. */
    sender: z.string({ error: 'must be a string' }).max(1024, 'is longer than 1024 characters').optional(),
    subject: z.string({ error: 'must be a string' }).max(4096, 'is longer than 4096 characters').optional(),
  },
  { error: 'must be a JSON object such as {"text": "…"}' },
);

export type CheckInputBody = z.infer<typeof checkInputSchema>;

/** One line of a batch file: a message plus an optional id (default: the line number). */
export const batchLineSchema = checkInputSchema.extend({
  id: z.union([z.string(), z.number()], { error: 'must be a string or a number' }).optional(),
});

export type BatchLine = z.infer<typeof batchLineSchema>;

/** `path: message` lines, the project's way of reporting a schema failure (style.md §5). */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}
