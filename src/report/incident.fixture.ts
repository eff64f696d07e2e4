/**
 * Test data for the report tests (written by us): an account taken over after a smishing message,
 * as stored by storeProcessed: sign-ins, changes, a small test charge, then a large gift-card
 * charge that the engine held, with a notice and a case.
 */

import type { ProcessedItem } from '../db/index.ts';
import type { Decision } from '../engine/index.ts';

export const ACCOUNT = 'acc_7';
export const NOTICE_REF = 'N-4K7Q-9P2X';
export const MERCHANT = 'ギフトカード堂';
export const SMISHING_TEXT =
  '【ドコモ】お客様のご利用料金が未払いです。本日中に https://docomo-pay.top/login にてお支払い手続きをお願いします。';

const device = { id: 'dev_new_1', platform: 'android' };
const network = { ip: '203.0.113.50', country: 'JP', kind: 'hosting' };

function item(
  event: Record<string, unknown> & { id: string; type: string; at: string },
  decision: Partial<Decision> = {},
  extra: Partial<ProcessedItem> = {},
): ProcessedItem {
  return {
    event: { account: ACCOUNT, device, network, ...event },
    decision: {
      event: event.id,
      account: ACCOUNT,
      decision: 'allow',
      score: 0,
      reasons: [],
      notice: null,
      case: null,
      ...decision,
    },
    ...extra,
  };
}

export function incidentItems(): ProcessedItem[] {
  return [
    item({
      id: 'evt_1',
      type: 'login',
      at: '2026-11-24T09:58:00+09:00',
      result: 'failure',
      method: 'password',
    }),
    item(
      { id: 'evt_2', type: 'login', at: '2026-11-24T10:00:00+09:00', result: 'success', method: 'password' },
      { score: 20, reasons: [{ rule: 'new_device', points: 20, message: '初めての端末からのログインです' }] },
    ),
    item({
      id: 'evt_3',
      type: 'mfa_change',
      at: '2026-11-24T10:03:00+09:00',
      action: 'disabled',
      method: 'totp',
    }),
    item({ id: 'evt_4', type: 'contact_change', at: '2026-11-24T10:05:00+09:00', field: 'email' }),
    item({
      id: 'evt_5',
      type: 'charge',
      at: '2026-11-24T10:12:00+09:00',
      amount: 300,
      merchant: { id: 'm_play', name: 'アプリストアA', category: 'app_store' },
      funding: 'phone_bill',
    }),
    item(
      {
        id: 'evt_6',
        type: 'charge',
        at: '2026-11-24T10:15:00+09:00',
        amount: 30000,
        merchant: { id: 'm_gift', name: MERCHANT, category: 'gift_card' },
        funding: 'registered_card',
      },
      {
        decision: 'hold',
        score: 78,
        reasons: [
          {
            rule: 'contact_change_then_charge',
            points: 35,
            message: '連絡先の変更から2時間以内に高額な決済があります',
          },
        ],
      },
      {
        notice: {
          ref: NOTICE_REF,
          kind: 'hold',
          title: '決済を保留しました',
          body: '30,000円の決済を保留しました。お心当たりがなければアプリからお知らせください。',
          lang: 'ja',
        },
        case: {},
      },
    ),
    // Outside the period used by the tests.
    item({
      id: 'evt_0',
      type: 'login',
      at: '2026-10-01T08:00:00+09:00',
      result: 'success',
      method: 'passkey',
    }),
  ];
}

/** The period the tests ask for: Japan-time 2026-11-24. */
export const FROM_MS = Date.parse('2026-11-24T00:00:00+09:00');
export const TO_MS = Date.parse('2026-11-25T00:00:00+09:00');
export const GENERATED_MS = Date.parse('2026-11-26T09:00:00+09:00');
