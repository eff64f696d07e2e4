/**
 * Operator storage on every database: case queue filters (the rule filter's LIKE escapes `_`),
 * notes, reported messages and the metrics reads. SQLite always, PostgreSQL when it answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCaseNote,
  countCaseOutcomes,
  countDecisionsByHour,
  listCaseNotes,
  listCaseQueue,
  listFlaggedDecisions,
  listReportedMessages,
  type OpenedDatabase,
  saveReportedMessage,
  storeProcessed,
  updateCaseStatus,
} from './index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from './test-databases.ts';

const pgAvailable = await postgresAvailable();
const NOW = Date.UTC(2026, 10, 25, 5, 30, 0);

function charge(id: string, account: string, amount: number) {
  return {
    id,
    type: 'charge' as const,
    at: '2026-11-25T14:00:00+09:00',
    account,
    amount,
    merchant: { id: 'm_1', name: 'ギフト', category: 'gift_card' as const },
    funding: 'phone_bill' as const,
  };
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`operator storage on ${dialect}`, () => {
    let opened: OpenedDatabase;
    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      const reason = (rule: string, points: number) => ({ rule, points, message: 'm' });
      const items = [
        ['e1', 'acc_1', 'hold', 60, 'gift_card_burst', 30_000],
        ['e2', 'acc_2', 'lock', 90, 'giftXcard_burst', 50_000],
        ['e3', 'acc_3', 'allow', 0, null, 500],
      ] as const;
      await storeProcessed(
        opened.db,
        items.map(([id, account, decision, score, rule, amount]) => {
          const reasons = rule === null ? [] : [reason(rule, score)];
          return {
            event: charge(id, account, amount),
            decision: { event: id, account, decision, score, reasons, notice: null, case: null },
            ...(rule === null ? {} : { case: { payload: { reasons, score, event: id } } }),
          };
        }),
        { nowMs: NOW },
      );
    });
    afterAll(async () => {
      await opened?.close();
    });

    it('filters the case queue by rule (with `_` taken literally), decision, score and age', async () => {
      const db = opened.db;
      const accounts = async (f: Parameters<typeof listCaseQueue>[1]) =>
        (await listCaseQueue(db, f)).map((c) => c.account);
      expect(await accounts({ operatorId: 'default' })).toEqual(['acc_2', 'acc_1']);
      expect(await accounts({ operatorId: 'default', rule: 'gift_card_burst' })).toEqual(['acc_1']);
      expect(await accounts({ operatorId: 'default', decision: 'lock' })).toEqual(['acc_2']);
      expect(await accounts({ operatorId: 'default', minScore: 70 })).toEqual(['acc_2']);
      expect(await accounts({ operatorId: 'default', openedAtOrBeforeMs: 0 })).toEqual([]);
      expect(await accounts({ operatorId: 'other' })).toEqual([]);
    });

    it('stores notes and reported messages, and reads the metrics', async () => {
      const db = opened.db;
      const [first] = await listCaseQueue(db, { operatorId: 'default', limit: 1 });
      const caseId = first?.id ?? '';
      await addCaseNote(db, {
        operatorId: 'default',
        caseId,
        authorUserId: 'usr_1',
        text: 'メモ',
        nowMs: NOW,
      });
      expect((await listCaseNotes(db, 'default', caseId)).map((n) => n.text)).toEqual(['メモ']);
      expect(await listCaseNotes(db, 'other', caseId)).toEqual([]);

      const saved = await saveReportedMessage(db, {
        operatorId: 'default',
        reporter: 'operator:usr_1',
        channel: 'sms',
        sender: null,
        subject: null,
        text: 't',
        verdict: 'phishing',
        score: 90,
        brand: 'docomo',
        domains: ['bad.example'],
        phones: [],
        result: { verdict: 'phishing' },
        createdAtMs: NOW,
      });
      expect(await listReportedMessages(db, 'default', { sinceMs: NOW - 1 })).toEqual([saved]);
      expect(await listReportedMessages(db, 'default', { sinceMs: NOW + 1 })).toEqual([]);

      const hourly = await countDecisionsByHour(db, 'default', NOW - 3_600_000);
      const hour = Math.floor(NOW / 3_600_000);
      expect(hourly.sort((a, b) => a.decision.localeCompare(b.decision))).toEqual([
        { hour, decision: 'allow', count: 1 },
        { hour, decision: 'hold', count: 1 },
        { hour, decision: 'lock', count: 1 },
      ]);
      // Metrics count by the events' own time (14:00 JST = 05:00Z, before NOW), not storage time.
      expect(await listFlaggedDecisions(db, 'default', NOW - 1)).toEqual([]);
      const flagged = await listFlaggedDecisions(db, 'default', NOW - 3_600_000);
      expect(flagged.map((f) => [f.decision, f.amount, f.rules]).sort()).toEqual([
        ['hold', 30_000, ['gift_card_burst']],
        ['lock', 50_000, ['giftXcard_burst']],
      ]);
      await updateCaseStatus(db, caseId, 'legitimate', NOW + 10);
      expect(await countCaseOutcomes(db, 'default', NOW)).toEqual({ legitimate: 1, confirmedFraud: 0 });
    });
  });
}
