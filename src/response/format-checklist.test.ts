import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../registry/index.ts';
import { buildChecklist } from './build-checklist.ts';
import { formatChecklist, japanTime } from './format-checklist.ts';
import { markDone } from './mark-done.ts';

const registry = defaultRegistry();
const at = '2026-11-24T10:05:00+09:00';

describe('formatChecklist', () => {
  it('prints a heading with the situation and the time in Japan time, then numbered steps', () => {
    const text = formatChecklist(buildChecklist({ registry, situation: 'got_message', lang: 'ja', at }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Mamori 対応チェックリスト: メッセージが届いた');
    expect(lines[1]).toBe('作成: 2026-11-24 10:05 (日本時間)');
    const steps = lines.filter((l) => /^\d+\. \[/.test(l));
    expect(steps).toEqual([
      '1. [ ] リンクを開かない・返信しない・書かれた番号に電話しない',
      '2. [ ] フィッシングを報告する',
      '3. [ ] 公式アプリか、自分で登録したブックマークから確かめる',
    ]);
  });

  it('prints just the number to call, with hours, and marks unconfirmed numbers', () => {
    const text = formatChecklist(
      buildChecklist({ registry, situation: 'entered_data', issuerId: 'rakuten_card', lang: 'ja', at }),
    );
    expect(text).toContain('   電話: 0120-86-6910  楽天カード 紛失・盗難の受付  受付: 24時間  [未確認]\n');
    expect(text).toMatch(/電話: #9110 {2}警察相談専用電話 {2}受付: 平日8:30-17:15/);
    expect(text).toMatch(/電話: 188 {2}消費者ホットライン/);
    expect(text).not.toContain('tel:');
  });

  it('does not mark official numbers and shows the source of a compensation fact', () => {
    const text = formatChecklist(
      buildChecklist({ registry, situation: 'unknown_charge', issuerId: 'orico', lang: 'ja', at }),
    );
    expect(text).toContain(
      '電話: 0120-828-013  オリコ(オリエントコーポレーション) 紛失・盗難の受付  受付: 24時間 年中無休\n',
    );
    expect(text).toContain('出典: https://www.orico.co.jp/creditcard/service/guarantee/lost/');
  });

  it('shows done steps with [x] and their time', () => {
    const c = markDone(
      buildChecklist({ registry, situation: 'got_message', lang: 'ja', at }),
      'dont_tap',
      '2026-11-24T10:07:00+09:00',
    );
    expect(formatChecklist(c)).toContain(
      '1. [x] リンクを開かない・返信しない・書かれた番号に電話しない (済 2026-11-24 10:07)',
    );
  });

  it('prints English, whatever language the checklist was made in', () => {
    const c = buildChecklist({
      registry,
      situation: 'entered_data',
      issuerId: 'rakuten_card',
      lang: 'ja',
      at,
    });
    const text = formatChecklist(c, 'en');
    expect(text.split('\n')[0]).toBe(
      'Mamori response checklist: I entered my card number or a code on a site',
    );
    expect(text).toContain("1. [ ] Call the card issuer's 24-hour line and stop the card");
    expect(text).toContain(
      'Call: 0120-86-6910  Rakuten Card: Lost or stolen cards  hours: 24時間  [unconfirmed]',
    );
  });

  it('japanTime converts to UTC+9, across a year boundary', () => {
    expect(japanTime('2026-12-31T15:30:00Z')).toBe('2027-01-01 00:30');
  });
});
