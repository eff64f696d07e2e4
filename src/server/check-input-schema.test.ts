/**
 * The check input schemas the server and the web app's check page share: the browser's size check
 * uses the server's default body limit, and the text rules are the route's own.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '../config.ts';
import { checkInputSchema, checkUploadSchema, DEFAULT_CHECK_BODY_BYTES } from './check-input-schema.ts';

describe('check input schemas', () => {
  it('the browser’s size limit is the server’s default BODY_LIMIT', () => {
    expect(DEFAULT_CHECK_BODY_BYTES).toBe(CONFIG_DEFAULTS.BODY_LIMIT);
  });

  it('an upload must be neither empty nor above the limit', () => {
    expect(checkUploadSchema.safeParse({ bytes: 1 }).success).toBe(true);
    expect(checkUploadSchema.safeParse({ bytes: DEFAULT_CHECK_BODY_BYTES }).success).toBe(true);
    const empty = checkUploadSchema.safeParse({ bytes: 0 });
    expect(empty.error?.issues[0]).toMatchObject({ code: 'too_small', path: ['bytes'] });
    const big = checkUploadSchema.safeParse({ bytes: DEFAULT_CHECK_BODY_BYTES + 1 });
    expect(big.error?.issues[0]).toMatchObject({ code: 'too_big', path: ['bytes'] });
  });

  it('a pasted message needs text that is not only spaces', () => {
    expect(checkInputSchema.safeParse({ text: '本文' }).success).toBe(true);
    expect(checkInputSchema.safeParse({ text: '  \n' }).error?.issues[0]?.path).toEqual(['text']);
    expect(
      checkInputSchema.safeParse({ text: 'x', sender: 'a'.repeat(1025) }).error?.issues[0]?.path,
    ).toEqual(['sender']);
  });
});
