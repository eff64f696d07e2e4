/**
 * The one place that turns errors into HTTP answers (style.md §4; contract "HTTP"): every error
 * leaves as `{"error": {"code", "message"}}` with a 4xx/5xx status, and never with a stack trace.
 *
 *   MamoriError (InputError …)          → its own status, code and message
 *   ZodError                            → 400 invalid_request, `path: message`
 *   Fastify body/content-type errors    → 400 / 413 / 415 with our own codes and messages
 *   anything else                       → 500 internal_error, generic message, logged
 *
 * Logs carry the code only: parser messages can quote the request body, and message bodies may
 * hold personal data.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { MamoriError } from '../errors.ts';
import { formatIssues } from './check-input-schema.ts';

export interface ErrorBody {
  error: { code: string; message: string };
}

type Lang = 'ja' | 'en';

/** Messages for the errors this module names itself, in both languages. */
const MESSAGES: Record<string, Record<Lang, string>> = {
  body_too_large: {
    ja: '送信された内容が大きすぎます。メッセージ本文だけを貼り付けるか、小さいファイルにしてください。',
    en: 'The request body is too large. Paste only the message, or send a smaller file.',
  },
  unsupported_media_type: {
    ja: 'この形式には対応していません。application/json または message/rfc822 で送ってください。',
    en: 'Unsupported content type. Send application/json or message/rfc822.',
  },
  invalid_json: {
    ja: '送信された JSON を読み取れません。',
    en: 'The request body is not valid JSON.',
  },
  empty_body: {
    ja: '送信された内容が空です。',
    en: 'The request body is empty.',
  },
  bad_request: {
    ja: 'リクエストを処理できません。',
    en: 'The request could not be processed.',
  },
  not_found: {
    ja: 'ページが見つかりません。',
    en: 'Not found.',
  },
  rate_limited: {
    ja: '短い時間に多くの確認が行われました。しばらく待ってからもう一度お試しください。',
    en: 'Too many requests. Please wait a moment and try again.',
  },
  internal_error: {
    ja: 'サーバーで問題が起きました。時間をおいてもう一度お試しください。',
    en: 'Something went wrong on the server. Please try again later.',
  },
};

/** `?lang=en` switches messages (contract "HTTP"); anything else is Japanese. */
export function requestLang(request: FastifyRequest): Lang {
  const query = request.query as { lang?: unknown } | undefined;
  return query?.lang === 'en' ? 'en' : 'ja';
}

export function errorMessage(code: string, lang: Lang): string {
  return (MESSAGES[code] ?? MESSAGES.bad_request)?.[lang] ?? code;
}

/** Maps Fastify's own error codes (fastify/lib/errors.js) to ours. */
const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
};

export function toErrorResponse(
  error: unknown,
  lang: Lang,
): { status: number; body: ErrorBody; unexpected: boolean } {
  const answer = (status: number, code: string, message = errorMessage(code, lang)) => ({
    status,
    body: { error: { code, message } },
    unexpected: false,
  });

  if (error instanceof MamoriError) {
    // A 5xx MamoriError (a ConfigError) is the operator's problem; its text is not for clients.
    if (error.status >= 500) return { ...answer(500, 'internal_error'), unexpected: true };
    return answer(error.status, error.code, error.message);
  }
  if (error instanceof ZodError) return answer(400, 'invalid_request', formatIssues(error));

  const fastifyError = error as Partial<FastifyError> | null;
  const mapped = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return answer(mapped.status, mapped.code);
  const status = fastifyError?.statusCode;
  if (status === 429) return answer(429, 'rate_limited');
  if (fastifyError?.code === 'FST_ERR_VALIDATION') return answer(400, 'invalid_request');
  if (error instanceof SyntaxError && status === 400) return answer(400, 'invalid_json');
  if (typeof status === 'number' && status >= 400 && status < 500) return answer(status, 'bad_request');

  return { ...answer(500, 'internal_error'), unexpected: true };
}

/** Installs the error and not-found handlers on the root instance. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body, unexpected } = toErrorResponse(error, requestLang(request));
    if (unexpected) {
      // The stack without its first line: the message of an unknown error could quote input.
      const e = error as Error | undefined;
      request.log.error(
        {
          errType: e?.name,
          errCode: (e as { code?: unknown } | undefined)?.code,
          stack: e?.stack?.split('\n').slice(1).join('\n'),
        },
        'unexpected error',
      );
    } else {
      request.log.info({ errCode: body.error.code, status }, 'request refused');
    }
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: { code: 'not_found', message: errorMessage('not_found', requestLang(request)) },
    };
    return reply.status(404).type('application/json; charset=utf-8').send(body);
  });
}
