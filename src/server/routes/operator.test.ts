/**
 * The operator API end to end over a real database (issue 5 "Operators"): case queue filters,
 * case detail, confirm / legitimate / unlock / notes, metrics, reported phishing → campaigns →
 * warning to every subscriber, API keys and webhooks; every action audited as `operator:<id>`.
 * SQLite and (when it answers) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findActiveLock,
  listAuditRows,
  listNotices,
  loadProfiles,
  type OpenedDatabase,
} from '../../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../../db/test-databases.ts';
import type { AccountEvent, Profile } from '../../engine/index.ts';
import { buildOperatorTestApp, type OperatorTestApp } from '../../operator/test-support.ts';
import { isoJapan } from '../../subscriber/index.ts';
import { chargeEvent, loginEvent } from '../../subscriber/test-support.ts';

const pgAvailable = await postgresAvailable();

const lostPhone = (account: string, atMs: number) =>
  ({
    id: `evt_lost_${account}`,
    type: 'subscriber_report',
    kind: 'lost_phone',
    at: isoJapan(atMs),
    account,
  }) as AccountEvent;

const PHISH_1 =
  '【ドコモ】ご利用料金のお支払いが確認できません。本日中に下記よりお手続きください。https://docomo-pay-check.top/a1';
const PHISH_2 =
  '【ドコモ】ご利用料金のお支払いが確認できません。本日中に下記よりお手続きください。https://docomo-pay-check.top/b7';

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`operator API on ${dialect}`, () => {
    let opened: OpenedDatabase;
    let t: OperatorTestApp;
    let caseId = '';
    let caseRule = '';
    let otherCaseId = '';

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      t = await buildOperatorTestApp(opened.db, dialect);
      const acc = t.subscriberAccount;
      await t.seed([loginEvent(acc, t.clock.now, 180), chargeEvent(acc, t.clock.now, 120, 1200)]);
      const [locked] = await t.seed([lostPhone(acc, t.clock.now - 60 * 60_000)]);
      caseId = locked?.case ?? '';
      caseRule = locked?.reasons[0]?.rule ?? '';
      const [other] = await t.seed([lostPhone('acc_elsewhere', t.clock.now - 30 * 60_000)], 'other_operator');
      otherCaseId = other?.case ?? '';
    });
    afterAll(async () => {
      await t?.app.close();
      await opened?.close();
    });

    const auditOf = async (action: string) =>
      (await listAuditRows(t.db))
        .filter((r) => r.action === action && r.actor === `operator:${t.operatorUserId}`)
        .map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));

    it('lists the queue with filters, and only this operator’s cases', async () => {
      expect(caseId).toMatch(/^C-\d{6}$/);
      expect(caseRule).not.toBe('');
      const all = (await t.operator.get('/api/operator/cases')).json();
      expect(all.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
      expect(all.cases[0]).toMatchObject({
        account: t.subscriberAccount,
        status: 'open',
        decision: 'lock',
        ageHours: 1,
      });
      const ids = async (q: string) =>
        (await t.operator.get(`/api/operator/cases?${q}`)).json().cases.map((c: { id: string }) => c.id);
      expect(await ids(`rule=${caseRule}`)).toEqual([caseId]);
      expect(await ids('rule=no_such_rule')).toEqual([]);
      expect(await ids('decision=lock&status=open')).toEqual([caseId]);
      expect(await ids('decision=hold')).toEqual([]);
      expect(await ids('minScore=0&olderThanHours=0.5')).toEqual([caseId]);
      expect(await ids('olderThanHours=2')).toEqual([]);
      expect(await ids('before=C-000001')).toEqual([]);
      const bad = await t.operator.get('/api/operator/cases?minScore=101');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('invalid_request');
    });

    it('shows a case with its timeline, decisions, reasons and notices; other operators’ cases are 404', async () => {
      const res = await t.operator.get(`/api/operator/cases/${caseId}`);
      expect(res.statusCode).toBe(200);
      const detail = res.json();
      expect(detail.locked).toBe(true);
      expect(detail.case.reasons.length).toBeGreaterThan(0);
      expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual([
        'subscriber_report',
        'charge',
        'login',
      ]);
      const caseEvent = detail.timeline[0];
      expect(caseEvent).toMatchObject({ isCaseEvent: true, decision: { decision: 'lock', case: caseId } });
      // Simulator ground truth never reaches the console.
      expect(JSON.stringify(detail.timeline)).not.toContain('secret-ground-truth');
      expect(detail.notices.length).toBeGreaterThan(0);
      expect(detail.notices[0].ref).toMatch(/^N-/);

      const other = await t.operator.get(`/api/operator/cases/${otherCaseId}`);
      const unknown = await t.operator.get('/api/operator/cases/C-999999');
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual(unknown.json());
      expect(unknown.json().error.code).toBe('case_not_found');
      expect((await t.operator.post(`/api/operator/cases/${otherCaseId}/confirm-fraud`)).statusCode).toBe(
        404,
      );
    });

    it('adds notes (stored as text, shown in the detail) and audits them', async () => {
      const res = await t.operator.post(`/api/operator/cases/${caseId}/notes`, {
        text: '<script>alert(1)</script> 本人に電話で確認済み',
      });
      expect(res.statusCode).toBe(201);
      const detail = (await t.operator.get(`/api/operator/cases/${caseId}`)).json();
      expect(detail.notes.map((n: { text: string }) => n.text)).toEqual([
        '<script>alert(1)</script> 本人に電話で確認済み',
      ]);
      expect(await auditOf('case.note')).toHaveLength(1);
      expect((await t.operator.post(`/api/operator/cases/${caseId}/notes`, { text: '  ' })).statusCode).toBe(
        400,
      );
    });

    it('unlocks: lock lifted, profile cleared, engine told to forget, audited; twice is 409', async () => {
      const res = await t.operator.post(`/api/operator/cases/${caseId}/unlock`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ unlocked: true, account: t.subscriberAccount, locksLifted: 1 });
      expect(await findActiveLock(t.db, 'default', t.subscriberAccount)).toBeUndefined();
      const profile = (await loadProfiles<Profile>(t.db, 'default', [t.subscriberAccount])).get(
        t.subscriberAccount,
      );
      expect(profile?.data.lock).toBeNull();
      expect(t.forgotten).toEqual([`default/${t.subscriberAccount}`]);
      const [row] = await auditOf('account.unlock');
      expect(row?.subject).toBe(t.subscriberAccount);
      const again = await t.operator.post(`/api/operator/cases/${caseId}/unlock`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('not_locked');
    });

    it('confirms fraud and marks legitimate, audited; metrics count outcomes and decisions', async () => {
      const fraud = await t.operator.post(`/api/operator/cases/${caseId}/confirm-fraud`);
      expect(fraud.json().case.status).toBe('confirmed_fraud');
      expect(await auditOf('case.confirm_fraud')).toHaveLength(1);
      let m = (await t.operator.get('/api/operator/metrics?hours=24')).json();
      expect(m.caseOutcomes).toEqual({ legitimate: 0, confirmedFraud: 1 });
      expect(m.falsePositiveRate).toBe(0);
      expect(m.perHour).toHaveLength(24);
      expect(m.totals.lock).toBe(1);
      expect(m.totals.all).toBe(3);
      expect(m.topRules[0]).toEqual({ rule: caseRule, count: 1 });
      expect(typeof m.yenHeld).toBe('number');

      const legit = await t.operator.post(`/api/operator/cases/${caseId}/mark-legitimate`);
      expect(legit.json().case.status).toBe('legitimate');
      m = (await t.operator.get('/api/operator/metrics')).json();
      expect(m.falsePositiveRate).toBe(1);
      const [row] = await auditOf('case.mark_legitimate');
      expect(row?.data).toMatchObject({ case: caseId, from: 'confirmed_fraud', to: 'legitimate' });
      expect((await t.operator.get('/api/operator/cases?status=legitimate')).json().cases).toHaveLength(1);
    });

    it('checks reported messages, groups them into campaigns, and warns every subscriber in plain text', async () => {
      const r1 = await t.operator.post('/api/operator/reports', {
        text: PHISH_1,
        channel: 'sms',
        sender: 'DOCOMO',
      });
      expect(r1.statusCode).toBe(201);
      expect(r1.json().result.verdict).not.toBe('no_signs');
      expect(r1.json().report.domains).toEqual(['docomo-pay-check.top']);
      t.clock.now += 60_000;
      await t.operator.post('/api/operator/reports', { text: PHISH_2, channel: 'sms' });
      await t.operator.post('/api/operator/reports', { text: '明日の会議は10時からです。' });
      expect(await auditOf('phishing.report')).toHaveLength(3);

      const { campaigns } = (await t.operator.get('/api/operator/campaigns')).json();
      expect(campaigns.map((c: { size: number }) => c.size)).toEqual([2, 1]);
      const big = campaigns[0];
      expect(big).toMatchObject({ id: `cmp_${r1.json().report.id}`, domains: ['docomo-pay-check.top'] });
      expect(big.examples).toHaveLength(2);
      expect(big.firstSeen < big.lastSeen).toBe(true);
      expect((await t.operator.get('/api/operator/campaigns?minSize=2')).json().campaigns).toHaveLength(1);

      const unsafe = await t.operator.post(`/api/operator/campaigns/${big.id}/warn`, {
        body: '詳しくは https://example.com をご覧ください',
      });
      expect(unsafe.statusCode).toBe(400);
      expect(unsafe.json().error.code).toBe('unsafe_notice_text');

      const warn = await t.operator.post(`/api/operator/campaigns/${big.id}/warn`, {});
      expect(warn.statusCode).toBe(200);
      expect(warn.json().sent).toBe(1);
      const box = await listNotices(t.db, t.subscriberAccount, { operatorId: 'default' });
      const notice = box.find((n) => n.kind === 'campaign_warning');
      expect(notice?.ref).toMatch(/^N-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(notice?.body).not.toMatch(/https?:|\.top/);
      // The subscriber sees it in their own message box (the subscriber API reads the same table).
      const [row] = await auditOf('campaign.warn');
      expect(row?.data).toMatchObject({ recipients: 1, campaignSize: 2 });
      const listed = (await t.operator.get('/api/operator/campaigns')).json().campaigns[0];
      expect(listed.warnings).toEqual([expect.objectContaining({ recipients: 1 })]);
      expect((await t.operator.post('/api/operator/campaigns/cmp_nope/warn', {})).statusCode).toBe(404);
    });

    it('manages API keys: the secret is shown once, revoked keys stay listed', async () => {
      const created = await t.operator.post('/api/operator/api-keys', { name: 'ingest' });
      expect(created.statusCode).toBe(201);
      const { key, secret } = created.json();
      expect(secret).toMatch(/^mk_/);
      const list = await t.operator.get('/api/operator/api-keys');
      expect(list.body).not.toContain(secret);
      expect(list.json().keys).toEqual([
        expect.objectContaining({ id: key.id, name: 'ingest', revokedAt: null }),
      ]);
      const del = await t.operator.delete(`/api/operator/api-keys/${key.id}`);
      expect(del.statusCode).toBe(200);
      expect((await t.operator.get('/api/operator/api-keys')).json().keys[0].revokedAt).not.toBeNull();
      expect((await t.operator.delete(`/api/operator/api-keys/${key.id}`)).statusCode).toBe(404);
      expect(await auditOf('api_key.create')).toHaveLength(1);
      expect(await auditOf('api_key.revoke')).toHaveLength(1);
    });

    it('manages webhooks: https only, the signing secret shown once', async () => {
      const bad = await t.operator.post('/api/operator/webhooks', { url: 'http://receiver.example/hook' });
      expect(bad.statusCode).toBe(400);
      const created = await t.operator.post('/api/operator/webhooks', {
        url: 'https://receiver.example/hook',
      });
      expect(created.statusCode).toBe(201);
      const { webhook, secret } = created.json();
      expect(secret).toMatch(/^whsec_/);
      const list = await t.operator.get('/api/operator/webhooks');
      expect(list.body).not.toContain(secret);
      expect(list.json().webhooks).toEqual([expect.objectContaining({ id: webhook.id, active: true })]);
      expect((await t.operator.delete(`/api/operator/webhooks/${webhook.id}`)).statusCode).toBe(200);
      expect((await t.operator.get('/api/operator/webhooks')).json().webhooks[0].active).toBe(false);
      expect(await auditOf('webhook.create')).toHaveLength(1);
    });
  });
}
