import { describe, expect, it } from 'vitest';
import { assertSafeNoticeText, findNoticeTextProblems } from './notice-safety.ts';

describe('assertSafeNoticeText', () => {
  it('accepts plain text that warns never to give credentials', () => {
    const ok = [
      '当社がカード番号・パスワード・暗証番号・認証コードをお尋ねすることは一切ありません。',
      'パスワードは誰にも入力しないでください。',
      'We will never ask for your card number, password, PIN or any code.',
      'Do not enter your password anywhere except the official app you open yourself.',
      'お問い合わせ番号：N-4K7Q-9P2X',
    ];
    for (const t of ok) expect(findNoticeTextProblems(t), t).toEqual([]);
  });

  it('rejects links and domain-like strings, including disguised ones', () => {
    const bad = [
      'こちらから確認してください https://docomo-security.example.com/login',
      'Visit www.example.jp now',
      '詳細は mamori-check.net をご覧ください',
      'support@carrier.co.jp までご連絡ください',
      'example[.]com',
      'ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ',
      'お電話は 0120-123-456 まで',
      'xn--eckwd4c7c.xn--zckzah',
    ];
    for (const t of bad) expect(findNoticeTextProblems(t).length, t).toBeGreaterThan(0);
  });

  it('rejects requests for card data, passwords, PINs and codes', () => {
    const bad = [
      'ご本人確認のため、カード番号を入力してください。',
      'SMSで届いた認証コードを返信してください',
      '暗証番号をお知らせください',
      'Please enter your card number to continue.',
      'Reply with the verification code we sent you.',
    ];
    for (const t of bad) expect(() => assertSafeNoticeText(t), t).toThrow(/unsafe|credentials/i);
  });
});
