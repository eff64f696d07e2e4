import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../../test/helpers/cli.ts';
import { createUser, listNotices, openDatabase } from '../../db/index.ts';
import { findNoticeTextProblems } from '../../notices/index.ts';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('mamori reminders send', () => {
  it("puts the month's two reminders in each subscriber's message box, once", async () => {
    const file = dir.path('reminders.db');
    const opened = await openDatabase({ file });
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';
    for (const [email, account, role] of [
      ['a@example.jp', 'acc_a', 'subscriber'],
      ['b@example.jp', 'acc_b', 'subscriber'],
      ['ops@example.jp', null, 'operator'],
    ] as const) {
      await createUser(opened.db, { email, passwordHash: hash, role, account, nowMs: 0 });
    }
    await opened.close();

    const first = await runCli(['reminders', 'send', '--month', '2026-12', '--db', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/4 reminder/);
    const again = await runCli(['reminders', 'send', '--month', '2026-12', '--db', file]);
    expect(again.stderr).toMatch(/0 reminder.*4 already sent/);
    const next = await runCli(['reminders', 'send', '--month', '2027-01', '--db', file]);
    expect(next.stderr).toMatch(/4 reminder/);

    const check = await openDatabase({ file, migrate: false });
    const notices = await listNotices(check.db, 'acc_a');
    await check.close();
    expect(notices).toHaveLength(4);
    expect(notices.map((n) => n.title)).toEqual(
      expect.arrayContaining(['2026年12月の明細を確認しましょう', '2027年1月のセキュリティチェック']),
    );
    for (const n of notices) {
      expect(n.ref).toMatch(/^N-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(findNoticeTextProblems(`${n.title}\n${n.body}`)).toEqual([]);
    }
  });

  it('refuses a month that is not YYYY-MM', async () => {
    const r = await runCli(['reminders', 'send', '--month', '2026/12', '--db', dir.path('x.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/YYYY-MM/);
  });
});
