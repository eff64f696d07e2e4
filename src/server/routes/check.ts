/**
 * POST /api/check (../shared/contracts/checker.md "HTTP"): a JSON message or a raw e-mail
 * (`Content-Type: message/rfc822`) in, the result object out. `?lang=en` switches the messages.
 * Body limit and rate limit come from the config (src/config.ts); every error goes through
 * ../error-handler.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { CheckInput, CheckResult } from '../../checker/index.ts';
import { checkMessage, parseEmail } from '../../checker/index.ts';
import type { Config } from '../../config.ts';
import { InputError } from '../../errors.ts';
import type { Registry } from '../../registry/index.ts';
import { checkInputSchema, formatIssues } from '../check-input-schema.ts';

export interface CheckRouteOptions {
  config: Config;
  registry: Registry;
}

const querySchema = z.object({
  lang: z.enum(['ja', 'en'], { error: 'must be ja or en' }).optional(),
});

export const checkRoutes: FastifyPluginAsync<CheckRouteOptions> = async (app, { config, registry }) => {
  // Contract: JSON or a raw e-mail. text/plain is Fastify's default too, but it is neither, so
  // it gets 415 here rather than a confusing 400 (this scope only; parsers are encapsulated).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/check',
    {
      bodyLimit: config.bodyLimit,
      config: { rateLimit: { max: config.rateLimitMax, timeWindow: '1 minute' } },
    },
    async (request, reply): Promise<CheckResult> => {
      const query = querySchema.safeParse(request.query);
      if (!query.success) throw new InputError('invalid_request', formatIssues(query.error));
      const lang = query.data.lang ?? 'ja';

      let input: CheckInput;
      if (Buffer.isBuffer(request.body)) {
        if (request.body.byteLength === 0) {
          throw new InputError(
            'empty_input',
            lang === 'en' ? 'The e-mail is empty.' : 'メールの内容が空です。',
          );
        }
        // Throws InputError (e.g. invalid_email) for a broken message → 400.
        input = await parseEmail(request.body);
      } else {
        const body = checkInputSchema.safeParse(request.body);
        if (!body.success) throw new InputError('invalid_request', formatIssues(body.error));
        const { text, channel, sender, subject } = body.data;
        input = { text };
        if (channel !== undefined) input.channel = channel;
        if (sender !== undefined) input.sender = sender;
        if (subject !== undefined) input.subject = subject;
      }

      const result = checkMessage(input, { lang, registry });
      // The answer describes a private message: keep it out of shared caches.
      void reply.header('cache-control', 'no-store');
      return result;
    },
  );
};
