/**
 * Passwords: argon2id hashes (@node-rs/argon2) and strength checks (zxcvbn-ts with the common
 * and Japanese dictionaries).
 */

import type { Algorithm } from '@node-rs/argon2';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnJa from '@zxcvbn-ts/language-ja';
import type { Lang } from './messages.ts';

export interface Argon2Params {
  /** KiB of memory per hash. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * OWASP Password Storage Cheat Sheet's argon2id baseline (m=19 MiB, t=2, p=1): about 20–40 ms a
 * hash on this machine, cheap enough for sign-in, expensive for an offline guesser.
 */
export const DEFAULT_ARGON2: Readonly<Argon2Params> = Object.freeze({
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

// `Algorithm` is an ambient const enum, which isolatedModules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/** An argon2id PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`); the salt is random. */
export function hashPassword(password: string, params: Argon2Params = DEFAULT_ARGON2): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...params });
}

/** True when `password` matches; a malformed stored hash is a mismatch, not a crash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check for an e-mail that has no account, so the answer time
 * does not tell an attacker which addresses are registered.
 */
export async function burnPasswordCheck(
  password: string,
  params: Argon2Params = DEFAULT_ARGON2,
): Promise<void> {
  dummyHash ??= hashPassword('mamori-dummy-password-for-timing', params);
  await verifyPassword(await dummyHash, password);
}

/** zxcvbn score below this is refused (3 = "safely unguessable: moderate protection from offline attacks"). */
export const MIN_PASSWORD_SCORE = 3;
/** zxcvbn looks at this many characters; beyond it a password is long enough to be strong. */
const STRENGTH_CHECK_CHARS = 100;

export interface PasswordStrength {
  /** 0 (too guessable) … 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  /** zxcvbn-ts feedback keys (for a front end's own i18n), e.g. `commonNames`. */
  warningKey: string | null;
  suggestionKeys: string[];
  /** The same feedback as sentences in the request's language. */
  warning: string | null;
  suggestions: string[];
}

let factory: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  // Without translations the library returns its feedback keys; we translate them ourselves so
  // both languages come from one check. Dictionaries: common passwords + Japanese names/words.
  factory ??= new ZxcvbnFactory({
    graphs: zxcvbnCommon.adjacencyGraphs,
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnJa.dictionary },
  });
  return factory;
}

/** English wording for zxcvbn-ts feedback keys (Japanese comes from @zxcvbn-ts/language-ja). */
const EN_FEEDBACK: Readonly<Record<string, string>> = Object.freeze({
  straightRow: 'Straight rows of keys on your keyboard are easy to guess.',
  keyPattern: 'Short keyboard patterns are easy to guess.',
  simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
  extendedRepeat: 'Repeated character patterns like "abcabcabc" are easy to guess.',
  sequences: 'Common character sequences like "abc" are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess.',
  topTen: 'This is a heavily used password.',
  topHundred: 'This is a frequently used password.',
  common: 'This is a commonly used password.',
  similarToCommon: 'This is similar to a commonly used password.',
  wordByItself: 'Single words are easy to guess.',
  namesByThemselves: 'Single names or surnames are easy to guess.',
  commonNames: 'Common names and surnames are easy to guess.',
  userInputs: 'There should not be any personal or page related data.',
  pwned: 'Your password was exposed by a data breach on the Internet.',
  l33t: 'Avoid predictable letter substitutions like "@" for "a".',
  reverseWords: 'Avoid reversed spellings of common words.',
  allUppercase: 'Capitalize some, but not all letters.',
  capitalization: 'Capitalize more than the first letter.',
  associatedYears: 'Avoid years that are associated with you.',
  repeated: 'Avoid repeated words and characters.',
  longerKeyboardPattern: 'Use longer keyboard patterns and change typing direction multiple times.',
  anotherWord: 'Add more words that are less common.',
  useWords: 'Use multiple words, but avoid common phrases.',
  noNeed: 'You can create strong passwords without using symbols, numbers, or uppercase letters.',
});

function translate(key: string, section: 'warnings' | 'suggestions', lang: Lang): string {
  if (lang === 'en') return EN_FEEDBACK[key] ?? key;
  const table = zxcvbnJa.translations[section] as Record<string, string | undefined>;
  return table[key] ?? key;
}

/**
 * Scores a password with zxcvbn-ts. `userInputs` (e-mail, its local part, …) count as known words,
 * so a password built from them scores low.
 *
 * @example
 * const s = checkPasswordStrength('sakura123', ['hanako@example.jp'], 'ja');
 * // s.acceptable === false, s.warning === '一般的な名前は推測されやすくなります'
 */
export function checkPasswordStrength(
  password: string,
  userInputs: readonly string[],
  lang: Lang,
): PasswordStrength {
  const inputs = userInputs.flatMap((u) => {
    const local = u.split('@')[0];
    return local !== undefined && local !== u ? [u, local] : [u];
  });
  const result = zxcvbn().check(password.slice(0, STRENGTH_CHECK_CHARS), inputs);
  const warningKey = result.feedback.warning ?? null;
  const suggestionKeys = [...result.feedback.suggestions];
  return {
    score: result.score,
    acceptable: result.score >= MIN_PASSWORD_SCORE,
    warningKey,
    suggestionKeys,
    warning: warningKey === null || warningKey === '' ? null : translate(warningKey, 'warnings', lang),
    suggestions: suggestionKeys.map((k) => translate(k, 'suggestions', lang)),
  };
}
