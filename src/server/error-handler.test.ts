import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, InputError } from '../errors.ts';
import { toErrorResponse } from './error-handler.ts';

describe('toErrorResponse', () => {
  it('keeps the status, code and message of an InputError', () => {
    expect(toErrorResponse(new InputError('invalid_email', 'not an e-mail'), 'ja')).toEqual({
      status: 400,
      body: { error: { code: 'invalid_email', message: 'not an e-mail' } },
      unexpected: false,
    });
    expect(toErrorResponse(new InputError('rate_limited', 'slow down', { status: 429 }), 'en').status).toBe(
      429,
    );
  });

  it('hides a ConfigError (operator trouble) behind a generic 500', () => {
    const r = toErrorResponse(
      new ConfigError('invalid_registry_override', 'organizations[0].id: secret path'),
      'ja',
    );
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('internal_error');
    expect(r.body.error.message).not.toContain('secret');
    expect(r.unexpected).toBe(true);
  });

  it('maps a ZodError to 400 invalid_request with path: message', () => {
    const error = z.object({ text: z.string() }).safeParse({}).error;
    const r = toErrorResponse(error, 'en');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.body.error.message).toMatch(/^text: /);
  });

  it("maps Fastify's body errors to 413, 415 and 400", () => {
    const fst = (code: string, statusCode: number) => Object.assign(new Error('x'), { code, statusCode });
    expect(toErrorResponse(fst('FST_ERR_CTP_BODY_TOO_LARGE', 413), 'ja').body.error.code).toBe(
      'body_too_large',
    );
    expect(toErrorResponse(fst('FST_ERR_CTP_BODY_TOO_LARGE', 413), 'ja').status).toBe(413);
    expect(toErrorResponse(fst('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415), 'ja').status).toBe(415);
    expect(toErrorResponse(fst('FST_ERR_CTP_INVALID_JSON_BODY', 400), 'ja').body.error.code).toBe(
      'invalid_json',
    );
    const syntax = Object.assign(new SyntaxError('Unexpected token } in JSON: "my card 4111"'), {
      statusCode: 400,
    });
    const r = toErrorResponse(syntax, 'en');
    expect(r.body.error).toEqual({ code: 'invalid_json', message: 'The request body is not valid JSON.' });
  });

  it('answers an unknown error with a generic 500 and flags it for the log', () => {
    const r = toErrorResponse(new TypeError('cannot read x of undefined at /src/checker/…'), 'ja');
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('internal_error');
    expect(r.body.error.message).not.toMatch(/undefined|src\//);
    expect(r.unexpected).toBe(true);
    expect(toErrorResponse('a string', 'en').status).toBe(500);
    expect(toErrorResponse(null, 'en').status).toBe(500);
  });
});
