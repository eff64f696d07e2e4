import { describe, expect, it } from 'vitest';
import { formatYen, hasMessage, reasonMessage } from './messages.ts';
import { RULES } from './rules/index.ts';

describe('reasonMessage', () => {
  it('has a Japanese and English message for every rule', () => {
    for (const r of RULES) {
      expect(hasMessage(r.id)).toBe(true);
      expect(reasonMessage(r.id, {}, 'ja')).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(reasonMessage(r.id, {}, 'en')).toMatch(/^[\x20-\x7e¥]+$/);
    }
  });

  it('renders the contract example', () => {
    expect(
      reasonMessage(
        'security_change_then_card',
        { changes: 'contact_change', hours: 2, target: 'large_charge' },
        'ja',
      ),
    ).toBe('連絡先の変更から2時間以内に高額な決済があります');
  });

  it('translates codes and formats yen', () => {
    expect(
      reasonMessage(
        'security_change_then_card',
        { changes: 'contact_change,mfa_disabled', hours: 1, target: 'charge' },
        'ja',
      ),
    ).toBe('連絡先の変更・2段階認証の解除から1時間以内に決済があります');
    expect(reasonMessage('foreign_login', { country: 'US' }, 'ja')).toBe('海外（アメリカ）からの操作です');
    expect(reasonMessage('velocity', { count: 3, yen: 60000 }, 'en')).toBe(
      'Charges are suddenly more frequent or larger than usual (3 charges, ¥60,000 in 24 hours)',
    );
    expect(reasonMessage('high_risk_category_new_device', { category: 'gift_card' }, 'ja')).toBe(
      '新しい端末からギフトカードの購入があります',
    );
    expect(formatYen(1234567)).toBe('1,234,567');
  });

  it('falls back to the rule’s message for an unknown variant', () => {
    expect(reasonMessage('new_device.something', {}, 'en')).toBe(reasonMessage('new_device', {}, 'en'));
  });
});
