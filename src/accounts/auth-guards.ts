/**
 * Who is asking: resolves the `mamori_session` cookie to a user, and the preHandlers other route
 * plugins use to require one (style.md §7). The guards read the Cookie header themselves, so they
 * work in any plugin scope, with or without @fastify/cookie registered there.
 *
 * @example
 * const { requireUser, requireRole } = authGuards({ db });
 * app.get('/api/operator/cases', { preHandler: requireRole('operator') }, async (request) => {
 *   const { user } = currentAuth(request)!;
 * });
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import {
  type Database,
  findSessionByTokenHash,
  type Session,
  touchSession,
  type UserRecord,
  type UserRole,
} from '../db/index.ts';
import { accountsError, langOf } from './messages.ts';
import { readCookie, SESSION_COOKIE, sha256Hex } from './tokens.ts';

export interface AuthContext {
  user: UserRecord;
  session: Session;
}

export interface AuthGuardOptions {
  db: Kysely<Database>;
  now?: () => number;
  /** Same values as the accounts plugin's settings (defaults: 30 days, 7 days). */
  sessionTtlMs?: number;
  sessionIdleMs?: number;
}

/** Activity is written at most this often per session (a write on every request is waste). */
const TOUCH_EVERY_MS = 60_000;

const contexts = new WeakMap<FastifyRequest, AuthContext>();

/** The signed-in user and session of a request that passed requireUser / requireRole. */
export function currentAuth(request: FastifyRequest): AuthContext | undefined {
  return contexts.get(request);
}

/** The raw session token from the request's cookie, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  return token && token.length <= 128 ? token : undefined;
}

export interface AuthGuards {
  /** Resolves the session (any stage) without refusing; undefined when there is none. */
  resolve(request: FastifyRequest): Promise<AuthContext | undefined>;
  /** 401 `unauthenticated` unless a fully signed-in session (second factor done) comes with the request. */
  requireUser: preHandlerAsyncHookHandler;
  /** requireUser, then 403 `forbidden` unless the user has `role`. */
  requireRole(role: UserRole): preHandlerAsyncHookHandler;
}

export function authGuards(options: AuthGuardOptions): AuthGuards {
  const now = options.now ?? Date.now;
  const ttl = options.sessionTtlMs ?? 30 * 24 * 3_600_000;
  const idle = options.sessionIdleMs ?? 7 * 24 * 3_600_000;

  async function resolve(request: FastifyRequest): Promise<AuthContext | undefined> {
    const token = sessionToken(request);
    if (token === undefined) return undefined;
    const nowMs = now();
    const found = await findSessionByTokenHash(options.db, sha256Hex(token), nowMs);
    if (!found) return undefined;
    if (found.session.stage === 'active' && nowMs - found.session.lastSeenAtMs >= TOUCH_EVERY_MS) {
      const expiresAtMs = Math.min(found.session.createdAtMs + ttl, nowMs + idle);
      await touchSession(options.db, found.session.id, nowMs, expiresAtMs);
      found.session = { ...found.session, lastSeenAtMs: nowMs, expiresAtMs };
    }
    return found;
  }

  const requireUser = async function requireUser(request: FastifyRequest, _reply: FastifyReply) {
    const auth = await resolve(request);
    if (auth?.session.stage !== 'active') throw accountsError('unauthenticated', langOf(request));
    contexts.set(request, auth);
  };

  return {
    resolve,
    requireUser,
    requireRole(role: UserRole) {
      return async function requireRole(request: FastifyRequest, reply: FastifyReply) {
        await requireUser(request, reply);
        if (contexts.get(request)?.user.role !== role) throw accountsError('forbidden', langOf(request));
      };
    },
  };
}
