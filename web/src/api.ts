/**
 * The typed API client. Wire types come from the server's own modules (type-only imports, so no
 * server code reaches the bundle; style.md §10). Every POST/DELETE carries the CSRF token from
 * GET /api/csrf (src/server/routes/accounts.ts); a 403 `csrf_invalid` refreshes it once.
 */
import type { PasskeyView, PublicUser, SessionView, SignInResult } from '../../src/accounts/schemas.ts';
import type { CheckResult } from '../../src/checker/index.ts';
import type {
  ActivityView,
  Checkup,
  LockView,
  MonthlyLimitView,
  UnlockMethod,
} from '../../src/subscriber/index.ts';

export type {
  ActivityView,
  CheckResult,
  Checkup,
  MonthlyLimitView,
  PasskeyView,
  PublicUser,
  SessionView,
  SignInResult,
  UnlockMethod,
};

export interface PasswordStrength {
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  warning: string | null;
  suggestions: string[];
}

export interface Me {
  user: PublicUser;
  passkeys: number;
  recoveryCodesLeft: number;
}

/** A message-box notice (GET /api/notices); plain text only, never links. */
export interface Notice {
  ref: string;
  kind: string;
  title: string;
  /** What happened and what to do, as plain text with line breaks. */
  body: string;
  createdAt: string;
  read: boolean;
  readAt: string | null;
  /** The account event it is about (for 「身に覚えがない」). */
  eventId: string | null;
}

/** GET /api/account/lock (the server's own LockView). */
export type LockState = LockView;

export interface CheckupView extends Checkup {
  facts: {
    totpEnabled: boolean;
    recoveryCodesLeft: number | null;
    passkeys: number;
    passwordAgeDays: number;
    activeSessions: number;
    devices: number;
    monthlyLimit: number | null;
    locked: boolean;
  };
}

export interface NotMeResult {
  locked: boolean;
  sessionsEnded: number;
  message: string;
  responseSituation: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let lang: 'ja' | 'en' = 'ja';
export function setApiLang(l: 'ja' | 'en') {
  lang = l;
}

let csrfToken: Promise<string> | undefined;
function csrf(): Promise<string> {
  csrfToken ??= fetch('/api/csrf', { credentials: 'same-origin' })
    .then((r) => r.json() as Promise<{ token: string }>)
    .then((b) => b.token)
    .catch((e: unknown) => {
      csrfToken = undefined;
      throw e;
    });
  return csrfToken;
}

function withLang(path: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

interface RequestOpts {
  method?: 'GET' | 'POST' | 'DELETE';
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
}

export async function api<T>(path: string, opts: RequestOpts = {}, retried = false): Promise<T> {
  const method = opts.method ?? (opts.json !== undefined || opts.body !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.contentType) {
    headers['content-type'] = opts.contentType;
  }
  if (method !== 'GET') headers['x-csrf-token'] = await csrf();
  const res = await fetch(withLang(path), { method, headers, body, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!res.ok) {
    const code = data.error?.code ?? `http_${res.status}`;
    if (code === 'csrf_invalid' && !retried) {
      csrfToken = undefined;
      return api<T>(path, opts, true);
    }
    throw new ApiError(res.status, code, data.error?.message ?? res.statusText);
  }
  return data as T;
}

/** Sign-in and sign-out change the session cookie; the CSRF secret stays in its own cookie. */
export function resetCsrf() {
  csrfToken = undefined;
}
