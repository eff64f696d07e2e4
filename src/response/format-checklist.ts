/**
 * The checklist as terminal text: numbered steps, the numbers to call (just the number, as written
 * in the source), unconfirmed facts marked, sources of registry facts shown under them.
 */
import type { Checklist, Lang, StepNote, StepPhone } from './checklist.ts';
import { SITUATION_LABEL } from './step-text.ts';

const WORDS = {
  ja: {
    heading: 'Mamori 対応チェックリスト',
    made: '作成',
    done: '済',
    call: '電話',
    hours: '受付',
    unconfirmed: '[未確認]',
    source: '出典',
    tz: '日本時間',
  },
  en: {
    heading: 'Mamori response checklist',
    made: 'Made',
    done: 'done',
    call: 'Call',
    hours: 'hours',
    unconfirmed: '[unconfirmed]',
    source: 'source',
    tz: 'Japan time',
  },
} as const;

/** ISO time → "2026-11-24 10:05" in Japan time (UTC+9, no daylight saving), without Intl. */
export function japanTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 9 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

function phoneLine(p: StepPhone, lang: Lang): string {
  const w = WORDS[lang];
  const parts = [`${w.call}: ${p.number}`, p.label[lang]];
  if (p.hours) parts.push(`${w.hours}: ${p.hours}`);
  if (p.unconfirmed) parts.push(w.unconfirmed);
  return parts.join('  ');
}

function noteLines(n: StepNote, lang: Lang): string[] {
  const w = WORDS[lang];
  const lines = [`- ${n[lang]}${n.unconfirmed ? ` ${w.unconfirmed}` : ''}`];
  if (n.source) lines.push(`  ${w.source}: ${n.source}`);
  return lines;
}

/** Renders the checklist in `lang` (default: the checklist's own language). */
export function formatChecklist(checklist: Checklist, lang: Lang = checklist.lang): string {
  const w = WORDS[lang];
  const out: string[] = [
    `${w.heading}: ${SITUATION_LABEL[checklist.situation][lang]}`,
    `${w.made}: ${japanTime(checklist.created_at)} (${w.tz})`,
  ];
  const width = String(checklist.steps.length).length;
  checklist.steps.forEach((step, i) => {
    const number = `${String(i + 1).padStart(width)}.`;
    const indent = ' '.repeat(number.length + 1);
    const done = step.done_at ? ` (${w.done} ${japanTime(step.done_at)})` : '';
    out.push('', `${number} [${step.done_at ? 'x' : ' '}] ${step.title[lang]}${done}`);
    for (const p of step.phones) out.push(`${indent}${phoneLine(p, lang)}`);
    for (const n of step.notes) for (const line of noteLines(n, lang)) out.push(`${indent}${line}`);
  });
  return `${out.join('\n')}\n`;
}
