/**
 * What every plugin behind a sign-in needs in its scope: signed cookies, CSRF protection with
 * the same cookie settings as the accounts plugin (so one token from GET /api/csrf verifies
 * everywhere), answers never cached, and a CSRF refusal as our coded 403 `csrf_invalid`.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import { accountsError, langOf } from '../accounts/index.ts';

/**
 * A CSRF token is refused once it is this old (the web app then fetches a fresh one and retries
 * once, web/src/api.ts): a token copied out of a page cannot be replayed for days.
 */
export const CSRF_TOKEN_VALIDITY_MS = 2 * 60 * 60 * 1000;

export async function registerSessionScope(
  app: FastifyInstance,
  options: { cookieSecret: string; secure: boolean },
): Promise<{ csrf: preHandlerAsyncHookHandler }> {
  if (!app.hasRequestDecorator('cookies')) {
    await app.register(fastifyCookie, { secret: options.cookieSecret });
  }
  if (!app.hasDecorator('csrfProtection')) {
    await app.register(fastifyCsrf, {
      sessionPlugin: '@fastify/cookie',
      csrfOpts: { validity: CSRF_TOKEN_VALIDITY_MS },
      cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure: options.secure },
    });
  }
  // Answers about people's accounts must never be cached by a browser or proxy.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });

  // @fastify/csrf-protection answers a bad token itself; intercept its send() so the refusal goes
  // through our error handler with a stable code and a Japanese/English message.
  const csrf: preHandlerAsyncHookHandler = async (request, reply) => {
    await new Promise<void>((resolve, reject) => {
      const probe: FastifyReply = Object.create(reply, {
        send: {
          value: () => {
            reject(accountsError('csrf_invalid', langOf(request)));
            return probe;
          },
        },
      });
      app.csrfProtection(request, probe, () => resolve());
    });
  };
  return { csrf };
}
