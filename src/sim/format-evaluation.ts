/**
 * Human-readable evaluation report: the six targets of issue 4 marked pass/fail, decisions by
 * action, and detection per scenario. Japanese by default, English with `lang: 'en'`.
 */
import type { EvaluationMetrics, Share, TargetId } from './evaluate.ts';

export type Lang = 'ja' | 'en';

const TEXT = {
  ja: {
    title: 'Mamori 評価',
    summary: (m: EvaluationMetrics) =>
      `イベント ${fmtInt(m.events)} 件 / 判定 ${fmtInt(m.decisions)} 件 / エラー ${fmtInt(m.errorDecisions)} 件 / 判定なし ${fmtInt(m.undecidedEvents)} 件 / 攻撃を受けたアカウント ${fmtInt(m.attackedAccounts)}`,
    head: ['指標', '結果', '内訳', '目標', '判定'],
    pass: '合格',
    fail: '不合格',
    na: '対象なし',
    targets: {
      fraud_yen_stopped: '不正決済額の阻止率',
      accounts_stopped_by_2nd_charge: '2件目までに止めた被害アカウント',
      stopped_after_report: '申告後の不正決済の阻止',
      legit_charges_held: '正当な決済の保留・ロック',
      legit_charge_friction: '正当な決済への追加確認等',
      legit_logins_challenged: '正当なログインへの追加確認',
    } satisfies Record<TargetId, string>,
    actions: '判定の内訳',
    actionHead: ['判定', '件数', '割合'],
    actionNames: { allow: '許可', challenge: '追加認証', hold: '保留', lock: 'ロック', none: '判定なし' },
    scenarios: 'シナリオ別',
    scenarioHead: [
      'シナリオ',
      '種別',
      'アカウント',
      '2件目まで阻止',
      '決済',
      '阻止額',
      '追加確認',
      'ログイン確認',
    ],
    fraud: '不正',
    legit: '正当',
  },
  en: {
    title: 'Mamori evaluation',
    summary: (m: EvaluationMetrics) =>
      `${fmtInt(m.events)} events / ${fmtInt(m.decisions)} decisions / ${fmtInt(m.errorDecisions)} errors / ${fmtInt(m.undecidedEvents)} undecided / ${fmtInt(m.attackedAccounts)} attacked accounts`,
    head: ['metric', 'value', 'detail', 'target', 'result'],
    pass: 'PASS',
    fail: 'FAIL',
    na: 'n/a',
    targets: {
      fraud_yen_stopped: 'fraudulent yen stopped',
      accounts_stopped_by_2nd_charge: 'attacked accounts stopped by 2nd charge',
      stopped_after_report: 'fraud stopped after a report',
      legit_charges_held: 'legit charges held or locked',
      legit_charge_friction: 'legit charges with friction',
      legit_logins_challenged: 'legit logins challenged',
    } satisfies Record<TargetId, string>,
    actions: 'decisions by action',
    actionHead: ['decision', 'events', 'share'],
    actionNames: { allow: 'allow', challenge: 'challenge', hold: 'hold', lock: 'lock', none: 'none' },
    scenarios: 'by scenario',
    scenarioHead: [
      'scenario',
      'kind',
      'accounts',
      'stopped by 2nd',
      'charges',
      'yen stopped',
      'friction',
      'logins chal.',
    ],
    fraud: 'fraud',
    legit: 'legit',
  },
} as const;

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

function pct(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
}

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

function table(rows: string[][]): string {
  const cols = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - width(cell)))
      .join('  ')
      .trimEnd();
  const [head, ...body] = rows;
  const out = head ? [line(head), widths.map((w) => '-'.repeat(w)).join('  ')] : [];
  for (const r of body) out.push(line(r));
  return out.join('\n');
}

const SHARE_OF: Record<TargetId, (m: EvaluationMetrics) => Share> = {
  fraud_yen_stopped: (m) => m.fraudYenStopped,
  accounts_stopped_by_2nd_charge: (m) => m.accountsStoppedBy2ndCharge,
  stopped_after_report: (m) => m.stoppedAfterReport,
  legit_charges_held: (m) => m.legitChargesHeld,
  legit_charge_friction: (m) => m.legitChargeFriction,
  legit_logins_challenged: (m) => m.legitLoginsChallenged,
};

/** Renders metrics as plain-text tables, targets marked pass or fail. */
export function formatEvaluation(m: EvaluationMetrics, lang: Lang = 'ja'): string {
  const t = TEXT[lang];
  const yen = (n: number) => `¥${fmtInt(n)}`;
  const targetRows = m.targets.map((r) => {
    const s = SHARE_OF[r.id](m);
    const detail =
      r.id === 'fraud_yen_stopped'
        ? `${yen(s.count)} / ${yen(s.of)}`
        : `${fmtInt(s.count)} / ${fmtInt(s.of)}`;
    return [
      t.targets[r.id],
      pct(r.value),
      detail,
      `${r.op === '>=' ? '≥' : '≤'} ${(r.target * 100).toFixed(0)}%`,
      r.pass === null ? t.na : r.pass ? t.pass : t.fail,
    ];
  });
  const actionRows: string[][] = [[...t.actionHead]];
  actionRows.push(
    ...(['allow', 'challenge', 'hold', 'lock', 'none'] as const).map((a) => [
      t.actionNames[a],
      fmtInt(m.byAction[a]),
      pct(m.events === 0 ? null : m.byAction[a] / m.events),
    ]),
  );
  const scenarioRows = m.scenarios.map((s) => [
    s.scenario,
    s.fraud ? t.fraud : t.legit,
    s.fraud ? fmtInt(s.accounts) : '',
    s.fraud ? `${fmtInt(s.accountsStoppedBy2nd)} / ${fmtInt(s.accountsWithCharges)}` : '',
    fmtInt(s.charges),
    s.fraud ? `${pct(s.chargeYen === 0 ? null : s.stoppedYen / s.chargeYen)}` : '',
    `${fmtInt(s.frictionCharges)} (${pct(s.charges === 0 ? null : s.frictionCharges / s.charges)})`,
    `${fmtInt(s.challengedLogins)} / ${fmtInt(s.logins)}`,
  ]);
  return [
    t.title,
    t.summary(m),
    '',
    table([[...t.head], ...targetRows]),
    '',
    t.actions,
    table(actionRows),
    '',
    t.scenarios,
    table([[...t.scenarioHead], ...scenarioRows]),
    '',
  ].join('\n');
}
