import { describe, expect, it } from 'vitest';
import { type AccountEvent, eventSchema } from '../engine/event-schema.ts';
import { ATTACK_SCENARIOS, parseStart, simulate } from './simulate.ts';

const JST_DAY = (at: string) => new Date(Date.parse(at) + 9 * 3600_000).toISOString().slice(0, 10);

function byAccount(events: AccountEvent[]): Map<string, AccountEvent[]> {
  const m = new Map<string, AccountEvent[]>();
  for (const e of events) {
    const list = m.get(e.account);
    if (list) list.push(e);
    else m.set(e.account, [e]);
  }
  return m;
}

/** Accounts whose first fraudulent event has the scenario, with all their events. */
function attackedWith(events: AccountEvent[], scenario: string): AccountEvent[][] {
  const out: AccountEvent[][] = [];
  for (const list of byAccount(events).values()) {
    const first = list.find((e) => e.label?.fraud === true);
    if (first?.label?.scenario === scenario) out.push(list);
  }
  return out;
}

// One sample with many attacks, shared by the story tests.
const sample = [...simulate({ seed: 2024, subscribers: 800, days: 30, attackRate: 0.4 })];

describe('simulate', () => {
  it('is deterministic: same seed, same events; another seed, other events', () => {
    const a = JSON.stringify([...simulate({ seed: 5, subscribers: 150, days: 10, attackRate: 0.2 })]);
    const b = JSON.stringify([...simulate({ seed: 5, subscribers: 150, days: 10, attackRate: 0.2 })]);
    const c = JSON.stringify([...simulate({ seed: 6, subscribers: 150, days: 10, attackRate: 0.2 })]);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('writes only events that validate against the contract schema', () => {
    const events = [...simulate({ seed: 11, subscribers: 1500, days: 30, attackRate: 0.1 })];
    expect(events.length).toBeGreaterThan(20_000);
    const bad = events.filter((e) => !eventSchema.safeParse(e).success);
    expect(bad).toEqual([]);
    expect(sample.every((e) => eventSchema.safeParse(e).success)).toBe(true);
  });

  it('writes events in time order with unique sequential ids, labels and JST or UTC times', () => {
    let last = Number.NEGATIVE_INFINITY;
    sample.forEach((e, i) => {
      expect(e.id).toBe(`evt_${i + 1}`);
      expect(e.account).toMatch(/^acc_([1-9]\d*)$/);
      expect(Number(e.account.slice(4))).toBeLessThanOrEqual(800);
      expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\+09:00|Z)$/);
      const t = Date.parse(e.at);
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      expect(typeof e.label?.fraud).toBe('boolean');
      expect(e.label?.scenario).toBeTruthy();
    });
    // UTC times only for traffic from abroad.
    for (const e of sample) if (e.at.endsWith('Z')) expect(e.network?.country).not.toBe('JP');
    expect(JST_DAY(sample[0]?.at ?? '')).toBe('2026-11-01');
    expect(JST_DAY(sample.at(-1)?.at ?? '')).toBe('2026-11-30');
  });

  it('attacks about the configured share of subscribers, and none at rate 0', () => {
    const events = [...simulate({ seed: 3, subscribers: 4000, days: 30 })];
    const attacked = new Set(events.filter((e) => e.label?.fraud).map((e) => e.account));
    expect(attacked.size / 4000).toBeGreaterThan(0.035);
    expect(attacked.size / 4000).toBeLessThan(0.065);
    const none = [...simulate({ seed: 3, subscribers: 300, days: 10, attackRate: 0 })];
    expect(none.some((e) => e.label?.fraud)).toBe(false);
    expect(none.length).toBeGreaterThan(1000);
  });

  it('starts on the given date (midnight JST) and accepts an ISO time', () => {
    const events = [...simulate({ seed: 1, subscribers: 50, days: 2, start: '2027-01-10' })];
    expect(JST_DAY(events[0]?.at ?? '')).toBe('2027-01-10');
    expect(parseStart('2026-11-24T10:15:00+09:00')).toBe(Date.parse('2026-11-24T00:00:00+09:00'));
    expect(parseStart('2026-11-24T20:00:00Z')).toBe(Date.parse('2026-11-25T00:00:00+09:00'));
    expect(() => [...simulate({ seed: 1, subscribers: 0, days: 2 })]).toThrow(RangeError);
    expect(() => [...simulate({ seed: 1, subscribers: 5, days: 2, attackRate: 2 })]).toThrow(RangeError);
    expect(() => parseStart('tomorrow')).toThrow(RangeError);
  });

  it('streams: the first events come before the whole year is generated', () => {
    const t0 = performance.now();
    const it = simulate({ seed: 1, subscribers: 2000, days: 366 });
    const first = [it.next(), it.next(), it.next()];
    expect(first.every((r) => !r.done)).toBe(true);
    // A whole year for 2,000 subscribers is ~650,000 events (seconds); one day is a fraction.
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('has every attack scenario, with the victim report labelled legit and referring to a fraud charge', () => {
    const scenarios = new Set(sample.filter((e) => e.label?.fraud).map((e) => e.label?.scenario));
    expect([...scenarios].sort()).toEqual([...ATTACK_SCENARIOS].sort());
    const ids = new Map(sample.map((e) => [e.id, e]));
    const reports = sample.filter((e) => e.type === 'subscriber_report' && e.kind === 'not_me');
    expect(reports.length).toBeGreaterThan(10);
    for (const r of reports) {
      expect(r.label?.fraud).toBe(false);
      expect(ATTACK_SCENARIOS).toContain(r.label?.scenario);
      if (r.type === 'subscriber_report' && r.ref) {
        const ref = ids.get(r.ref);
        expect(ref?.account).toBe(r.account);
        expect(ref?.type).toBe('charge');
        expect(ref?.label?.fraud).toBe(true);
        expect(Number(r.ref.slice(4))).toBeLessThan(Number(r.id.slice(4)));
      }
    }
    // Some attackers carry on after the report: those charges are what "100% after report" measures.
    let afterReport = 0;
    for (const list of byAccount(sample).values()) {
      const at = list.findIndex(
        (e) => e.type === 'subscriber_report' && (e.kind === 'not_me' || e.kind === 'lost_phone'),
      );
      if (at >= 0) afterReport += list.slice(at).filter((e) => e.type === 'charge' && e.label?.fraud).length;
    }
    expect(afterReport).toBeGreaterThan(5);
  });

  it('sim swap: an eSIM re-issue online or by phone, then an SMS-OTP login from a new device and a password reset', () => {
    const accounts = attackedWith(sample, 'sim_swap');
    expect(accounts.length).toBeGreaterThan(5);
    let online = 0;
    for (const list of accounts) {
      const fraudEvents = list.filter((e) => e.label?.fraud);
      const first = fraudEvents[0];
      expect(first?.type).toBe('sim_reissue');
      if (first?.type !== 'sim_reissue') continue;
      expect(first.kind).toBe('esim');
      if (first.channel === 'online') online++;
      const i = list.indexOf(first);
      const login = list.slice(i).find((e) => e.type === 'login' && e.label?.fraud);
      expect(login?.type === 'login' && login.method === 'sms_otp' && login.result === 'success').toBe(true);
      const known = new Set(list.slice(0, i).map((e) => e.device?.id));
      expect(known.has(login?.device?.id)).toBe(false);
      expect(fraudEvents.some((e) => e.type === 'password_change' && e.via === 'reset')).toBe(true);
    }
    expect(online).toBeGreaterThan(0);
  });

  it('smishing takeover: new device login, then contact or 2FA changes, then e-money / gift-card charges', () => {
    const accounts = attackedWith(sample, 'smishing_takeover');
    expect(accounts.length).toBeGreaterThan(10);
    let withEmailChange = 0;
    for (const list of accounts) {
      const f = list.filter((e) => e.label?.fraud);
      const login = f.find((e) => e.type === 'login' && e.result === 'success');
      expect(login).toBeDefined();
      const before = list.slice(0, list.indexOf(f[0] as AccountEvent));
      expect(before.some((e) => e.device?.id === login?.device?.id)).toBe(false);
      if (f.some((e) => e.type === 'contact_change' && e.field === 'email')) withEmailChange++;
      const charges = f.filter((e) => e.type === 'charge');
      for (const c of charges) expect(f.indexOf(c)).toBeGreaterThan(f.indexOf(login as AccountEvent));
      expect(
        charges.filter(
          (c) => c.type === 'charge' && ['e_money', 'gift_card', 'game'].includes(c.merchant.category),
        ).length,
      ).toBe(charges.length);
    }
    expect(withEmailChange / accounts.length).toBeGreaterThan(0.7);
  });

  it('card testing: cards added, failed verifications, many small charges', () => {
    const accounts = attackedWith(sample, 'card_testing');
    expect(accounts.length).toBeGreaterThan(3);
    for (const list of accounts) {
      const f = list.filter((e) => e.label?.fraud);
      expect(f.some((e) => e.type === 'card_change' && e.action === 'add')).toBe(true);
      expect(
        f.some((e) => e.type === 'card_verification' && e.result === 'failure') ||
          f.filter((e) => e.type === 'card_verification').length > 0,
      ).toBe(true);
      expect(f.filter((e) => e.type === 'charge' && e.amount <= 500).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('low and slow: small charges at new merchants over several days', () => {
    const accounts = attackedWith(sample, 'low_and_slow');
    expect(accounts.length).toBeGreaterThan(5);
    for (const list of accounts) {
      const first = list.findIndex((e) => e.label?.fraud);
      const usedBefore = new Set(
        list.slice(0, first).flatMap((e) => (e.type === 'charge' ? [e.merchant.id] : [])),
      );
      // The slow phase is before any report (after one, some attackers try a last cash-out).
      const report = list.findIndex((e) => e.type === 'subscriber_report');
      const charges = list
        .slice(0, report < 0 ? undefined : report)
        .filter((e) => e.type === 'charge' && e.label?.fraud);
      for (const c of charges) {
        if (c.type !== 'charge') continue;
        expect(c.amount).toBeLessThanOrEqual(3000);
        expect(usedBefore.has(c.merchant.id)).toBe(false);
      }
      // Stories near the end of the period are cut off; the rest spread over at least 3 days.
      const days = new Set(charges.map((c) => JST_DAY(c.at)));
      if (Date.parse(list[first]?.at ?? '') < Date.parse('2026-11-25T00:00:00+09:00'))
        expect(days.size).toBeGreaterThanOrEqual(3);
    }
  });

  it('lost phone: fraudulent charges from the known device, then a lost_phone report from the owner', () => {
    const accounts = attackedWith(sample, 'lost_phone');
    expect(accounts.length).toBeGreaterThan(3);
    for (const list of accounts) {
      const first = list.findIndex((e) => e.label?.fraud);
      const known = new Set(
        list
          .slice(0, first)
          .map((e) => e.device?.id)
          .filter(Boolean),
      );
      const charges = list.filter((e) => e.type === 'charge' && e.label?.fraud);
      expect(charges.length).toBeGreaterThan(0);
      // The phone may have had no logged activity before the theft; when it had, it is that phone.
      for (const c of charges)
        if (known.size > 0 && known.has(c.device?.id)) expect(c.network?.kind).toBe('mobile');
      const report = list.find((e) => e.type === 'subscriber_report' && e.kind === 'lost_phone');
      expect(report?.label).toEqual({ fraud: false, scenario: 'lost_phone' });
    }
    const fromKnown = accounts.filter((list) => {
      const first = list.findIndex((e) => e.label?.fraud);
      const known = new Set(list.slice(0, first).map((e) => e.device?.id));
      return list.some((e) => e.type === 'charge' && e.label?.fraud && known.has(e.device?.id));
    });
    expect(fromKnown.length / accounts.length).toBeGreaterThan(0.7);
  });

  it('credential stuffing: one network tries many accounts, mostly failing, some succeeding', () => {
    const logins = sample.filter(
      (e) => e.type === 'login' && e.label?.scenario === 'credential_stuffing' && e.label.fraud,
    );
    const accountsByIp = new Map<string, Set<string>>();
    for (const e of logins) {
      const ip = e.network?.ip ?? '';
      const s = accountsByIp.get(ip) ?? new Set<string>();
      s.add(e.account);
      accountsByIp.set(ip, s);
    }
    expect(Math.max(...[...accountsByIp.values()].map((s) => s.size))).toBeGreaterThanOrEqual(5);
    expect(
      logins.every(
        (e) => e.network?.kind === 'hosting' || e.network?.kind === 'vpn' || e.network?.kind === 'tor',
      ),
    ).toBe(true);
    const failures = logins.filter((e) => e.type === 'login' && e.result === 'failure').length;
    const successes = logins.length - failures;
    expect(failures).toBeGreaterThan(successes);
    expect(successes).toBeGreaterThan(0);
  });

  it('legit surprises: travel abroad, new phone from a shop, settings changes, large purchases', () => {
    const legit = sample.filter((e) => e.label?.fraud === false);
    const travel = legit.filter((e) => e.label?.scenario === 'travel_abroad');
    expect(travel.some((e) => e.network && e.network.country !== 'JP')).toBe(true);
    expect(travel.some((e) => e.type === 'charge')).toBe(true);
    const shop = legit.filter((e) => e.type === 'sim_reissue' && e.label?.scenario === 'new_phone');
    expect(shop.length).toBeGreaterThan(0);
    for (const s of shop) {
      if (s.type === 'sim_reissue') expect(s.channel).toBe('shop');
      const next = sample.find(
        (e) =>
          e.account === s.account &&
          e.type === 'login' &&
          e.label?.scenario === 'new_phone' &&
          Date.parse(e.at) >= Date.parse(s.at),
      );
      if (next) {
        const earlier = sample.filter((e) => e.account === s.account && Date.parse(e.at) < Date.parse(s.at));
        expect(earlier.some((e) => e.device?.id === next.device?.id)).toBe(false);
      }
    }
    for (const scenario of [
      'settings_change',
      'large_purchase',
      'family_gift_cards',
      'login_typo',
      'password_reset',
    ]) {
      expect(legit.some((e) => e.label?.scenario === scenario)).toBe(true);
    }
    const large = legit.filter((e) => e.type === 'charge' && e.label?.scenario === 'large_purchase');
    for (const c of large) if (c.type === 'charge') expect(c.amount).toBeGreaterThanOrEqual(30_000);
    const gifts = legit.filter((e) => e.type === 'charge' && e.merchant.category === 'gift_card');
    expect(gifts.length).toBeGreaterThan(0);
  });
});
