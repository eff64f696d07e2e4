import { describe, expect, it } from 'vitest';
import { charge, login, report } from '../engine/test-kit.ts';
import { findNoticeTextProblems } from './notice-safety.ts';
import { noticeFor } from './notice-text.ts';

const REF = 'N-4K7Q-9P2X';
const events = [
  charge(0, 30_000, 'm_emoney', 'e_money'),
  login(0),
  report(0, 'lost_phone', { device: null }),
];

describe('noticeFor', () => {
  for (const lang of ['ja', 'en'] as const) {
    for (const decision of ['challenge', 'hold', 'lock'] as const) {
      for (const event of events) {
        it(`${lang} ${decision} ${event.type}: safe, with the reference, the app and the never-ask line`, () => {
          const n = noticeFor({ decision, notice: REF }, event, lang);
          const text = `${n.title}\n${n.body}`;
          expect(findNoticeTextProblems(text)).toEqual([]);
          expect(n.body).toContain(REF);
          expect(text).not.toMatch(/https?:|www\.|\.(com|jp|net)\b/i);
          if (lang === 'ja') {
            expect(n.body).toContain('公式アプリ');
            expect(n.body).toContain(
              'カード番号・パスワード・暗証番号・認証コードをお尋ねすることは一切ありません',
            );
          } else {
            expect(n.body).toContain('official app yourself');
            expect(n.body).toContain('never ask for your card number, password, PIN or any code');
          }
        });
      }
    }
  }

  it('says what happened and when, in Japan time, without saying why', () => {
    const e = charge(0, 30_000, 'm_emoney', 'e_money');
    const n = noticeFor({ decision: 'hold', notice: REF }, e, 'ja');
    expect(n.title).toBe('お支払いを一時保留しました');
    expect(n.body).toContain('2026年11月1日 09:00の30,000円のお支払い');
    expect(n.body).not.toContain('電子マネー');
    expect(noticeFor({ decision: 'lock', notice: REF }, e, 'en').body).toContain('1 Nov 2026, 09:00 JST');
  });

  it('refuses an allow decision and a missing or malformed reference', () => {
    expect(() => noticeFor({ decision: 'allow', notice: REF }, login(0))).toThrow(/allow/);
    expect(() => noticeFor({ decision: 'hold', notice: null }, login(0))).toThrow(/reference/);
    expect(() => noticeFor({ decision: 'hold', notice: 'N-0000-0000' }, login(0))).toThrow(/reference/);
    expect(noticeFor({ decision: 'hold', notice: null }, login(0), 'ja', REF).body).toContain(REF);
  });
});
