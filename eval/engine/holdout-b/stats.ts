// Counts for a holdout-b event file: events by type, accounts by scenario, fraudulent charges and
// yen by scenario, and the legit traffic the scoring rules look at.

export interface EventLike {
  type: string;
  account: string;
  amount?: unknown;
  kind?: unknown;
  label?: { fraud?: unknown; scenario?: unknown };
}

interface FraudTally {
  accounts: Set<string>;
  charges: number;
  yen: number;
  chargesAfterReport: number;
  yenAfterReport: number;
  reports: number;
}

export interface Summary {
  events: number;
  fraudEvents: number;
  byType: Map<string, number>;
  accounts: number;
  attackedAccounts: number;
  fraud: Map<string, FraudTally>;
  legitAccounts: Map<string, Set<string>>;
  legitEvents: Map<string, number>;
  accountsWithFraudCharges: number;
  accountsWithTwoFraudCharges: number;
  scoredLegitCharges: number;
  scoredLegitLogins: number;
  legitChargesAfterFraud: number;
}

export function summarize(events: Iterable<EventLike>): Summary {
  const s: Summary = {
    events: 0,
    fraudEvents: 0,
    byType: new Map(),
    accounts: 0,
    attackedAccounts: 0,
    fraud: new Map(),
    legitAccounts: new Map(),
    legitEvents: new Map(),
    accountsWithFraudCharges: 0,
    accountsWithTwoFraudCharges: 0,
    scoredLegitCharges: 0,
    scoredLegitLogins: 0,
    legitChargesAfterFraud: 0,
  };
  const accounts = new Set<string>();
  const firstFraudSeen = new Set<string>();
  const reported = new Set<string>();
  const fraudCharges = new Map<string, number>();

  for (const e of events) {
    s.events++;
    s.byType.set(e.type, (s.byType.get(e.type) ?? 0) + 1);
    accounts.add(e.account);
    const scenario = String(e.label?.scenario ?? '(none)');
    const isFraud = e.label?.fraud === true;
    const amount = typeof e.amount === 'number' ? e.amount : 0;
    if (isFraud) {
      s.fraudEvents++;
      firstFraudSeen.add(e.account);
      let t = s.fraud.get(scenario);
      if (!t) {
        t = { accounts: new Set(), charges: 0, yen: 0, chargesAfterReport: 0, yenAfterReport: 0, reports: 0 };
        s.fraud.set(scenario, t);
      }
      t.accounts.add(e.account);
      if (e.type === 'charge') {
        t.charges++;
        t.yen += amount;
        fraudCharges.set(e.account, (fraudCharges.get(e.account) ?? 0) + 1);
        if (reported.has(e.account)) {
          t.chargesAfterReport++;
          t.yenAfterReport += amount;
        }
      }
      if (e.type === 'subscriber_report') {
        t.reports++;
        if (e.kind === 'not_me' || e.kind === 'lost_phone') reported.add(e.account);
      }
    } else {
      let set = s.legitAccounts.get(scenario);
      if (!set) {
        set = new Set();
        s.legitAccounts.set(scenario, set);
      }
      set.add(e.account);
      s.legitEvents.set(scenario, (s.legitEvents.get(scenario) ?? 0) + 1);
      const scored = !firstFraudSeen.has(e.account);
      if (e.type === 'charge') {
        if (scored) s.scoredLegitCharges++;
        else s.legitChargesAfterFraud++;
      }
      if (e.type === 'login' && scored) s.scoredLegitLogins++;
    }
  }
  s.accounts = accounts.size;
  s.attackedAccounts = firstFraudSeen.size;
  for (const n of fraudCharges.values()) {
    s.accountsWithFraudCharges++;
    if (n >= 2) s.accountsWithTwoFraudCharges++;
  }
  return s;
}

const yen = (n: number): string => `¥${n.toLocaleString('en-US')}`;
const pad = (x: string | number, w: number): string => String(x).padStart(w);

export function formatSummary(s: Summary): string {
  const lines: string[] = [];
  lines.push(`events: ${s.events} (fraud-labelled ${s.fraudEvents}, legit ${s.events - s.fraudEvents})`);
  lines.push('events by type:');
  for (const [type, n] of [...s.byType].sort((a, b) => b[1] - a[1]))
    lines.push(`  ${type.padEnd(20)}${pad(n, 8)}`);
  const pct = ((100 * s.attackedAccounts) / Math.max(1, s.accounts)).toFixed(1);
  lines.push(`accounts: ${s.accounts}; attacked (any fraud-labelled event): ${s.attackedAccounts} (${pct}%)`);
  lines.push(
    `accounts with >=1 fraudulent charge: ${s.accountsWithFraudCharges}; with >=2: ${s.accountsWithTwoFraudCharges}`,
  );
  lines.push(
    'attack scenarios:            accounts  charges            yen  after-report charges / yen  reports',
  );
  let totalCharges = 0;
  let totalYen = 0;
  for (const [name, t] of [...s.fraud].sort((a, b) => b[1].accounts.size - a[1].accounts.size)) {
    totalCharges += t.charges;
    totalYen += t.yen;
    lines.push(
      `  ${name.padEnd(26)}${pad(t.accounts.size, 8)}${pad(t.charges, 9)}${pad(yen(t.yen), 15)}` +
        `${pad(t.chargesAfterReport, 10)} / ${yen(t.yenAfterReport).padEnd(13)}${pad(t.reports, 8)}`,
    );
  }
  lines.push(`  ${'total'.padEnd(26)}${pad('', 8)}${pad(totalCharges, 9)}${pad(yen(totalYen), 15)}`);
  lines.push('legit scenarios (accounts with an event so labelled / events):');
  for (const [name, set] of [...s.legitAccounts].sort((a, b) => b[1].size - a[1].size)) {
    lines.push(`  ${name.padEnd(26)}${pad(set.size, 8)}${pad(s.legitEvents.get(name) ?? 0, 9)}`);
  }
  lines.push(
    `scored legit traffic (before the account's first fraud event): charges ${s.scoredLegitCharges}, logins ${s.scoredLegitLogins}; ` +
      `legit charges after a fraud event (not scored): ${s.legitChargesAfterFraud}`,
  );
  return lines.join('\n');
}
