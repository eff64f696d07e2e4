import { describe, expect, it } from 'vitest';
import type { DecisionAction } from '../engine/event-schema.ts';
import { type EvaluatedDecision, type EvaluatedEvent, Evaluator, evaluate } from './evaluate.ts';
import { formatEvaluation } from './format-evaluation.ts';

type Row = [
  id: string,
  account: string,
  type: EvaluatedEvent['type'],
  fraud: boolean,
  scenario: string,
  extra: { amount?: number; kind?: string },
  decision: DecisionAction | 'error' | 'missing',
];

function build(rows: Row[]): { events: EvaluatedEvent[]; decisions: EvaluatedDecision[] } {
  const events: EvaluatedEvent[] = [];
  const decisions: EvaluatedDecision[] = [];
  for (const [id, account, type, fraud, scenario, extra, decision] of rows) {
    events.push({ id, account, type, label: { fraud, scenario }, ...extra });
    if (decision === 'error') decisions.push({ event: id, error: { code: 'storage_failed', message: 'x' } });
    else if (decision !== 'missing') decisions.push({ event: id, decision });
  }
  return { events, decisions };
}

// Hand-made traffic: every expected number below is counted by hand from this table.
const ROWS: Row[] = [
  // A: smishing, stopped by a hold on its 2nd fraudulent charge.
  ['e1', 'A', 'login', false, 'legit', {}, 'allow'],
  ['e2', 'A', 'charge', false, 'legit', { amount: 1000 }, 'challenge'],
  ['e3', 'A', 'login', true, 'smishing_takeover', {}, 'allow'],
  ['e4', 'A', 'charge', true, 'smishing_takeover', { amount: 10_000 }, 'allow'],
  ['e5', 'A', 'charge', true, 'smishing_takeover', { amount: 20_000 }, 'hold'],
  ['e6', 'A', 'charge', false, 'legit', { amount: 500 }, 'hold'], // after the attack: not counted as legit
  // B: card testing, locked only on its 3rd fraudulent charge (too late), the 4th refused by the lock.
  ['e7', 'B', 'charge', false, 'legit', { amount: 2000 }, 'hold'],
  ['e8', 'B', 'login', false, 'legit', {}, 'challenge'],
  ['e9', 'B', 'charge', true, 'card_testing', { amount: 100 }, 'allow'],
  ['e10', 'B', 'charge', true, 'card_testing', { amount: 100 }, 'allow'],
  ['e11', 'B', 'charge', true, 'card_testing', { amount: 100 }, 'lock'],
  ['e12', 'B', 'charge', true, 'card_testing', { amount: 5000 }, 'allow'],
  // C: lost phone; the report locks the account, so the next charge is stopped despite its error.
  ['e13', 'C', 'charge', true, 'lost_phone', { amount: 3000 }, 'allow'],
  ['e14', 'C', 'subscriber_report', false, 'lost_phone', { kind: 'lost_phone' }, 'lock'],
  ['e15', 'C', 'charge', true, 'lost_phone', { amount: 3000 }, 'error'],
  // D: low and slow; the not_me report is ignored and the charges after it go through.
  ['e16', 'D', 'charge', true, 'low_and_slow', { amount: 500 }, 'allow'],
  ['e17', 'D', 'subscriber_report', false, 'low_and_slow', { kind: 'not_me' }, 'allow'],
  ['e18', 'D', 'charge', true, 'low_and_slow', { amount: 700 }, 'allow'],
  ['e19', 'D', 'charge', true, 'low_and_slow', { amount: 800 }, 'missing'],
  // E: never attacked.
  ['e20', 'E', 'login', false, 'legit', {}, 'allow'],
  ['e21', 'E', 'charge', false, 'legit', { amount: 1000 }, 'allow'],
  ['e22', 'E', 'charge', false, 'legit', { amount: 3000 }, 'missing'],
  // F: a failed credential-stuffing login only: attacked, but no fraudulent charge.
  ['e23', 'F', 'login', true, 'credential_stuffing', {}, 'challenge'],
];

describe('evaluate', () => {
  const { events, decisions } = build(ROWS);
  const m = evaluate(events, decisions);

  it('counts fraudulent yen stopped by hold/lock on the charge or an earlier lock', () => {
    // A: 30,000 of which 20,000 held; B: 5,300 of which 100 (locked) + 5,000 (after the lock);
    // C: 6,000 of which 3,000 (after the lock); D: 2,000, none.
    expect(m.fraudYenStopped).toEqual({ count: 28_100, of: 43_300, share: 28_100 / 43_300 });
  });

  it('counts attacked accounts stopped by their 2nd fraudulent charge', () => {
    // A (hold on the 2nd) and C (lock on the report between the 1st and 2nd); not B (3rd), not D.
    // F has no fraudulent charge and is not counted.
    expect(m.accountsStoppedBy2ndCharge).toEqual({ count: 2, of: 4, share: 0.5 });
    expect(m.attackedAccounts).toBe(5);
  });

  it('counts fraudulent charges after a report', () => {
    // C's e15 (stopped by the lock), D's e18 and e19 (not stopped).
    expect(m.stoppedAfterReport).toEqual({ count: 1, of: 3, share: 1 / 3 });
  });

  it('counts legit charges and logins only until the account is attacked', () => {
    // Legit charges: e2 (challenge), e7 (hold), e21 (allow), e22 (none); e6 is after A's attack.
    expect(m.legitChargesHeld).toEqual({ count: 1, of: 4, share: 0.25 });
    expect(m.legitChargeFriction).toEqual({ count: 2, of: 4, share: 0.5 });
    // Legit logins: e1, e8 (challenge), e20.
    expect(m.legitLoginsChallenged).toEqual({ count: 1, of: 3, share: 1 / 3 });
  });

  it('counts decisions by action, errors and missing decisions', () => {
    expect(m.byAction).toEqual({ allow: 12, challenge: 3, hold: 3, lock: 2, none: 3 });
    expect(m.events).toBe(23);
    expect(m.decisions).toBe(20);
    expect(m.errorDecisions).toBe(1);
    expect(m.undecidedEvents).toBe(3);
  });

  it('reports detection per scenario', () => {
    const sc = Object.fromEntries(m.scenarios.map((s) => [`${s.fraud ? 'F' : 'L'}:${s.scenario}`, s]));
    expect(sc['F:smishing_takeover']).toMatchObject({
      accounts: 1,
      accountsWithCharges: 1,
      accountsStoppedBy2nd: 1,
      charges: 2,
      chargeYen: 30_000,
      stoppedYen: 20_000,
      logins: 1,
      challengedLogins: 0,
    });
    expect(sc['F:card_testing']).toMatchObject({
      accounts: 1,
      accountsWithCharges: 1,
      accountsStoppedBy2nd: 0,
      charges: 4,
      stoppedCharges: 2,
      stoppedYen: 5100,
    });
    expect(sc['F:lost_phone']).toMatchObject({ accounts: 1, accountsStoppedBy2nd: 1, stoppedYen: 3000 });
    expect(sc['F:credential_stuffing']).toMatchObject({
      accounts: 1,
      accountsWithCharges: 0,
      events: 1,
      flaggedEvents: 1,
      logins: 1,
      challengedLogins: 1,
    });
    // The victims' reports are not legit traffic for scoring (they come after the attack).
    expect(sc['L:lost_phone']).toBeUndefined();
    expect(sc['L:legit']).toMatchObject({
      charges: 4,
      stoppedCharges: 1,
      frictionCharges: 2,
      logins: 3,
      challengedLogins: 1,
    });
  });

  it('marks every target with pass or fail', () => {
    expect(m.targets.map((t) => [t.id, t.pass])).toEqual([
      ['fraud_yen_stopped', false],
      ['accounts_stopped_by_2nd_charge', false],
      ['stopped_after_report', false],
      ['legit_charges_held', false],
      ['legit_charge_friction', false],
      ['legit_logins_challenged', false],
    ]);
  });

  it('passes the targets when fraud is stopped and legit traffic allowed; n/a when nothing to measure', () => {
    const good = build([
      ['g1', 'X', 'login', false, 'legit', {}, 'allow'],
      ['g2', 'X', 'charge', false, 'legit', { amount: 500 }, 'allow'],
      ['g3', 'X', 'login', true, 'sim_swap', {}, 'challenge'],
      ['g4', 'X', 'charge', true, 'sim_swap', { amount: 9000 }, 'allow'],
      ['g5', 'X', 'charge', true, 'sim_swap', { amount: 9000 }, 'lock'],
      ['g6', 'X', 'charge', true, 'sim_swap', { amount: 9000 }, 'allow'],
    ]);
    const r = evaluate(good.events, good.decisions);
    expect(r.fraudYenStopped.share).toBeCloseTo(2 / 3);
    expect(r.accountsStoppedBy2ndCharge.share).toBe(1);
    expect(r.stoppedAfterReport).toEqual({ count: 0, of: 0, share: null });
    expect(r.targets.find((t) => t.id === 'stopped_after_report')?.pass).toBeNull();
    expect(r.targets.find((t) => t.id === 'fraud_yen_stopped')?.pass).toBe(false);
    expect(r.targets.filter((t) => t.id.startsWith('legit')).every((t) => t.pass === true)).toBe(true);
  });

  it('a hold on a legit event before the attack does not stop it; a lock does', () => {
    const held = build([
      ['h1', 'Y', 'charge', false, 'legit', { amount: 500 }, 'hold'],
      ['h2', 'Y', 'charge', true, 'smishing_takeover', { amount: 5000 }, 'allow'],
    ]);
    expect(evaluate(held.events, held.decisions).accountsStoppedBy2ndCharge.share).toBe(0);
    const locked = build([
      ['l1', 'Y', 'login', false, 'legit', {}, 'lock'],
      ['l2', 'Y', 'charge', true, 'smishing_takeover', { amount: 5000 }, 'allow'],
    ]);
    const r = evaluate(locked.events, locked.decisions);
    expect(r.accountsStoppedBy2ndCharge.share).toBe(1);
    expect(r.fraudYenStopped.share).toBe(1);
  });

  it('a lock on a non-charge event after the 2nd fraudulent charge is too late', () => {
    const late = build([
      ['k1', 'Z', 'charge', true, 'sim_swap', { amount: 100 }, 'allow'],
      ['k2', 'Z', 'charge', true, 'sim_swap', { amount: 100 }, 'allow'],
      ['k3', 'Z', 'contact_change', true, 'sim_swap', {}, 'lock'],
      ['k4', 'Z', 'charge', true, 'sim_swap', { amount: 100 }, 'allow'],
    ]);
    const r = evaluate(late.events, late.decisions);
    expect(r.accountsStoppedBy2ndCharge).toEqual({ count: 0, of: 1, share: 0 });
    expect(r.fraudYenStopped.count).toBe(100);
  });

  it('works incrementally and leaves unlabelled events unscored', () => {
    const ev = new Evaluator();
    ev.addDecision({ event: 'u1', decision: 'challenge' });
    ev.addEvent({ id: 'u1', account: 'Q', type: 'login' });
    const r = ev.result();
    expect(r.unlabelledEvents).toBe(1);
    expect(r.legitLoginsChallenged.of).toBe(0);
    expect(ev.result()).toEqual(r);
  });
});

describe('formatEvaluation', () => {
  const { events, decisions } = build(ROWS);
  const m = evaluate(events, decisions);

  it('prints the six targets with their values and pass/fail, in Japanese by default', () => {
    const text = formatEvaluation(m);
    expect(text).toContain('不正決済額の阻止率');
    expect(text).toMatch(/不正決済額の阻止率\s+64\.9%\s+¥28,100 \/ ¥43,300\s+≥ 90%\s+不合格/);
    expect(text).toMatch(/2件目までに止めた被害アカウント\s+50\.0%\s+2 \/ 4/);
    expect(text).toMatch(/正当なログインへの追加確認\s+33\.3%\s+1 \/ 3\s+≤ 3%\s+不合格/);
    expect(text).toContain('smishing_takeover');
  });

  it('prints English with lang en', () => {
    const text = formatEvaluation(m, 'en');
    expect(text).toMatch(/fraud stopped after a report\s+33\.3%\s+1 \/ 3\s+≥ 100%\s+FAIL/);
    expect(text).toMatch(/legit charges held or locked\s+25\.0%/);
    expect(text).toMatch(/lock\s+2\s+8\.7%/);
    const good = build([['p1', 'P', 'login', false, 'legit', {}, 'allow']]);
    const g = formatEvaluation(evaluate(good.events, good.decisions), 'en');
    expect(g).toMatch(/legit logins challenged\s+0\.0%\s+0 \/ 1\s+≤ 3%\s+PASS/);
    expect(g).toMatch(/fraudulent yen stopped\s+—.*n\/a/);
  });
});
