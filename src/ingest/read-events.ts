/**
 * Turns a request body or a file into event candidates: one JSON event, a JSON array of events,
 * or NDJSON (contract "HTTP"). A line or element that cannot be read becomes an error in its
 * place, so the others are still processed.
 */
import { type AccountEvent, type EventError, eventSchema } from '../engine/index.ts';

export type EventCandidate =
  | {
      ok: true;
      event: AccountEvent;
      /**
       * Set by our own app's routes: a lock this event causes leaves the account's app sessions to
       * the route (the person reporting 「身に覚えがない」 stays signed in to follow the steps).
       * Otherwise a new lock signs the account out of the app (contract "Decision": `lock`).
       */
      appHandlesSessions?: true;
    }
  | { ok: false; error: EventError };

/** `path: message` for each problem, on one line. */
function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(event)'}: ${i.message}`)
    .join('; ');
}

function idOf(value: unknown): string | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string' && id.length > 0 && id.length <= 128) return id;
  }
  return null;
}

/** Validates one parsed value against the event schema. */
export function toCandidate(value: unknown): EventCandidate {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      error: { event: null, error: { code: 'invalid_event', message: 'an event must be a JSON object' } },
    };
  }
  const type = (value as { type?: unknown }).type;
  const parsed = eventSchema.safeParse(value);
  if (parsed.success) return { ok: true, event: parsed.data };
  const unknownType =
    typeof type === 'string' && parsed.error.issues.some((i) => i.path.length === 1 && i.path[0] === 'type');
  return {
    ok: false,
    error: {
      event: idOf(value),
      error: unknownType
        ? { code: 'unknown_event_type', message: `unknown event type ${JSON.stringify(type)}` }
        : { code: 'invalid_event', message: describeIssues(parsed.error.issues) },
    },
  };
}

/** One NDJSON line: blank lines are skipped by the caller; a line that is not JSON is an error. */
export function candidateFromLine(line: string): EventCandidate {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return {
      ok: false,
      error: { event: null, error: { code: 'invalid_json', message: 'the line is not valid JSON' } },
    };
  }
  return toCandidate(value);
}

/** A whole body: NDJSON when told so (or when it has several top-level lines), else JSON. */
export function candidatesFromBody(
  text: string,
  ndjson: boolean,
): EventCandidate[] | { error: { code: string; message: string } } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: { code: 'empty_body', message: 'the body is empty' } };
  if (!ndjson) {
    try {
      const value: unknown = JSON.parse(trimmed);
      return Array.isArray(value) ? value.map(toCandidate) : [toCandidate(value)];
    } catch {
      // Several JSON objects on separate lines without the NDJSON content type: read as NDJSON.
      if (!trimmed.includes('\n'))
        return { error: { code: 'invalid_json', message: 'the body is not valid JSON' } };
    }
  }
  return trimmed
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map(candidateFromLine);
}
