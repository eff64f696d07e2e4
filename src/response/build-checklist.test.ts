import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { defaultRegistry, isVerified, registryWithOverrides } from '../registry/index.ts';
import { brandsOfKind, buildChecklist, STEP_ORDER } from './build-checklist.ts';
import { type Checklist, checklistSchema, SITUATIONS, type Situation, type StepId } from './checklist.ts';
import { UNCONFIRMED_CARD_NUMBER, UNCONFIRMED_CARRIER_NUMBER, UNCONFIRMED_FACT } from './step-text.ts';

const registry = defaultRegistry();
const AT = '2026-11-24T10:05:00+09:00';

function build(
  situation: Situation,
  issuerId?: string | null,
  carrierId?: string | null,
  lang: 'ja' | 'en' = 'ja',
) {
  return buildChecklist({ registry, situation, issuerId, carrierId, lang, at: AT });
}

const ids = (c: Checklist) => c.steps.map((s) => s.id);
const stepOf = (c: Checklist, id: StepId) => {
  const s = c.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
const numbers = (c: Checklist, id: StepId) => stepOf(c, id).phones.map((p) => p.number);

describe('buildChecklist: order and relevance of steps', () => {
  it('a received message: do not tap, report, check the official app yourself (nothing else)', () => {
    expect(ids(build('got_message'))).toEqual(['dont_tap', 'report_phishing', 'check_official']);
  });

  it('entered data: the card stop comes first, then carrier billing, password, evidence, reports, compensation', () => {
    expect(ids(build('entered_data', 'orico', 'docomo'))).toEqual([
      'card_stop',
      'carrier_billing',
      'password_2fa',
      'keep_evidence',
      'police',
      'consumer_hotline',
      'report_phishing',
      'compensation',
    ]);
  });

  it('an unknown charge: card stop first; no phishing report (no message is known)', () => {
    const c = build('unknown_charge', 'jcb', 'au');
    expect(ids(c)[0]).toBe('card_stop');
    expect(ids(c)).not.toContain('report_phishing');
    expect(ids(c)).toEqual([...STEP_ORDER.unknown_charge]);
  });

  it('a lost phone: the line stop comes first; a lost-property report, no consumer hotline', () => {
    const c = build('lost_phone', null, 'softbank');
    expect(ids(c)[0]).toBe('line_stop');
    expect(ids(c)).not.toContain('consumer_hotline');
    expect(stepOf(c, 'police').title.ja).toContain('遺失届');
  });

  it('step ids are unique in every situation', () => {
    for (const s of SITUATIONS) expect(new Set(ids(build(s))).size).toBe(STEP_ORDER[s].length);
  });
});

describe('buildChecklist: numbers come from the registry, secondary ones marked unconfirmed', () => {
  it('an official issuer number is shown as confirmed (オリコ 0120-828-013)', () => {
    const card = stepOf(build('entered_data', 'orico'), 'card_stop');
    const main = card.phones.find((p) => p.number === '0120-828-013');
    expect(main).toMatchObject({ unconfirmed: false, source_type: 'official', hours: '24時間 年中無休' });
    expect(card.notes.map((n) => n.ja)).not.toContain(UNCONFIRMED_CARD_NUMBER.ja);
  });

  it('a secondary issuer number is marked unconfirmed and the step says to check the back of the card or the official site', () => {
    const card = stepOf(build('entered_data', 'rakuten_card'), 'card_stop');
    const main = card.phones.find((p) => p.number === '0120-86-6910');
    expect(main).toMatchObject({ unconfirmed: true, source_type: 'secondary' });
    expect(card.notes.map((n) => n.ja)).toContain(UNCONFIRMED_CARD_NUMBER.ja);
    expect(UNCONFIRMED_CARD_NUMBER.ja).toContain('カードの裏面');
    expect(UNCONFIRMED_CARD_NUMBER.ja).toContain('公式サイト');
  });

  it('takes card_stop* and fraud_desk* numbers only', () => {
    const purposes = stepOf(build('entered_data', 'mufg_nicos'), 'card_stop').phones.map((p) => p.label.ja);
    expect(purposes).toHaveLength(3);
    expect(purposes.join()).toContain('DCカード');
  });

  it('a number from abroad gets a + for the tel: link', () => {
    const p = stepOf(build('entered_data', 'orico'), 'card_stop').phones.find(
      (x) => x.number === '81-11-700-2952',
    );
    expect(p?.digits).toBe('+81117002952');
  });

  it('with no issuer chosen: no numbers, call the number on the back of the card', () => {
    const card = stepOf(build('entered_data', null), 'card_stop');
    expect(card.phones).toEqual([]);
    expect(card.notes.map((n) => n.ja).join()).toContain('カードの裏面に書かれた電話番号');
  });

  it('an issuer with no number on record (セディナ) says so and points to the back of the card', () => {
    const card = stepOf(build('entered_data', 'cedyna'), 'card_stop');
    expect(card.phones).toEqual([]);
    const text = card.notes.map((n) => n.ja).join('\n');
    expect(text).toContain('セディナ');
    expect(text).toContain('登録されていません');
    expect(text).toContain('カードの裏面');
  });

  it('never presents a non-official fact as confirmed, for every issuer × carrier × situation', () => {
    const issuers = [null, ...brandsOfKind(registry, 'card_issuer').map((b) => b.id)];
    const carriers = [null, ...brandsOfKind(registry, 'carrier').map((b) => b.id)];
    const known = new Set(registry.brands.flatMap((b) => b.phones.map((p) => `${b.id}|${p.value}`)));
    let phones = 0;
    for (const situation of SITUATIONS)
      for (const issuer of issuers)
        for (const carrier of carriers) {
          const c = build(situation, issuer, carrier);
          for (const step of c.steps) {
            for (const p of step.phones) {
              phones++;
              expect(p.unconfirmed, `${p.brand_id} ${p.number}`).toBe(!isVerified(p.source_type));
              // No invented numbers: each is a registry fact of that brand.
              expect(known.has(`${p.brand_id}|${p.number}`)).toBe(true);
            }
            for (const n of step.notes) {
              if (n.source_type !== undefined) expect(n.unconfirmed).toBe(!isVerified(n.source_type));
              else expect(n.unconfirmed).toBe(false);
            }
            if (step.notes.some((n) => n.unconfirmed))
              expect(step.notes.map((n) => n.ja)).toContain(UNCONFIRMED_FACT.ja);
          }
        }
    expect(phones).toBeGreaterThan(100);
  });

  it('an operator who verified a number (override, source_type operator) lifts the mark', () => {
    const verified = registryWithOverrides([
      {
        id: 'rakuten_card',
        phones: [
          {
            purpose: 'card_stop_24h',
            number: '0120-86-6910',
            source: 'checked on the back of the card, 2026-11',
            source_type: 'operator',
          },
        ],
      },
    ]);
    const c = buildChecklist({
      registry: verified,
      situation: 'entered_data',
      issuerId: 'rakuten_card',
      lang: 'ja',
      at: AT,
    });
    const p = stepOf(c, 'card_stop').phones.find((x) => x.number === '0120-86-6910');
    expect(p).toMatchObject({ unconfirmed: false, source_type: 'operator' });
  });
});

describe('buildChecklist: public lines and the phishing report', () => {
  it('has #9110 and 188 from the registry public entries, not the legacy 188 number', () => {
    const c = build('entered_data');
    expect(numbers(c, 'police')).toEqual(['#9110']);
    expect(numbers(c, 'consumer_hotline')).toEqual(['188']);
    expect(stepOf(c, 'police').phones[0]?.unconfirmed).toBe(false);
  });

  it('reports the phishing message to フィッシング対策協議会 with the address from the registry', () => {
    const notes = stepOf(build('got_message'), 'report_phishing').notes;
    const mail = notes.find((n) => n.ja.includes('info@antiphishing.jp'));
    expect(mail).toMatchObject({
      source: 'https://www.antiphishing.jp/registration.html',
      unconfirmed: false,
    });
  });
});

describe('buildChecklist: carrier billing', () => {
  it('shows the carrier usage check and limit procedures, marking secondary ones (docomo)', () => {
    const step = stepOf(build('unknown_charge', null, 'docomo'), 'carrier_billing');
    const text = step.notes.map((n) => n.ja).join('\n');
    expect(text).toContain('d払い');
    expect(step.notes.find((n) => n.ja.includes('決済サービスご利用明細'))?.unconfirmed).toBe(true);
    expect(step.notes.find((n) => n.ja.includes('不正モニタリング'))?.unconfirmed).toBe(false);
  });

  it('an official stop procedure is confirmed (楽天モバイル: キャリア決済を「無効」)', () => {
    const step = stepOf(build('entered_data', null, 'rakuten_mobile'), 'carrier_billing');
    expect(step.notes.find((n) => n.ja.includes('無効'))?.unconfirmed).toBe(false);
  });

  it("always offers Mamori's one-tap lock, and general advice when the carrier has no data (ahamo)", () => {
    const step = stepOf(build('entered_data', null, 'ahamo'), 'carrier_billing');
    const text = step.notes.map((n) => n.ja).join('\n');
    expect(text).toContain('緊急ロック');
    expect(text).toContain('利用上限額を下げる');
    expect(step.notes.every((n) => n.source === undefined)).toBe(true);
  });

  it("a lost phone: the carrier's lost-phone line; unconfirmed numbers say to check the official site", () => {
    const line = stepOf(build('lost_phone', null, 'docomo'), 'line_stop');
    expect(line.phones.map((p) => p.number)).toEqual(['0120-524-360']);
    expect(line.phones[0]?.unconfirmed).toBe(false);
    const sb = stepOf(build('lost_phone', null, 'softbank'), 'line_stop');
    expect(sb.phones[0]).toMatchObject({ number: '0800-919-0113', unconfirmed: true });
    expect(sb.notes.map((n) => n.ja)).toContain(UNCONFIRMED_CARRIER_NUMBER.ja);
  });

  it('au: no official lost-phone number, so the official customer numbers are added (English line in English)', () => {
    const ja = stepOf(build('lost_phone', null, 'au'), 'line_stop').phones.map((p) => p.number);
    expect(ja).toEqual(['0077-7-113', '113', '157', '0077-7-111']);
    const en = stepOf(build('lost_phone', null, 'au', 'en'), 'line_stop').phones.map((p) => p.number);
    expect(en).toContain('0120-959-472');
  });
});

describe('buildChecklist: compensation deadlines', () => {
  it('shows the issuer window with its source when the registry knows it (オリコ, official)', () => {
    const step = stepOf(build('unknown_charge', 'orico'), 'compensation');
    const fact = step.notes.find((n) => n.ja.includes('60日前'));
    expect(fact).toMatchObject({
      source: 'https://www.orico.co.jp/creditcard/service/guarantee/lost/',
      unconfirmed: false,
    });
    expect(fact?.ja.startsWith('オリコ')).toBe(true);
  });

  it('marks a secondary window unconfirmed (楽天カード)', () => {
    const fact = stepOf(build('unknown_charge', 'rakuten_card'), 'compensation').notes.find((n) =>
      n.ja.includes('60日前'),
    );
    expect(fact?.unconfirmed).toBe(true);
  });

  it('when the registry does not know (三井住友カード): ask the issuer, report as early as possible', () => {
    const text = stepOf(build('unknown_charge', 'smbc_card'), 'compensation')
      .notes.map((n) => n.ja)
      .join('\n');
    expect(text).toContain('登録されていません');
    expect(text).toContain('カード会社に、いつまでに何を届け出れば');
    expect(text).toContain('できるだけ早く');
  });

  it("includes the carrier's carrier-billing compensation (docomo d払い: 30 days, secondary marked)", () => {
    const notes = stepOf(build('lost_phone', null, 'docomo'), 'compensation').notes;
    expect(notes.find((n) => n.ja.includes('全額補償'))?.unconfirmed).toBe(false);
    expect(notes.find((n) => n.ja.includes('30日以内'))?.unconfirmed).toBe(true);
  });
});

describe('buildChecklist: inputs', () => {
  it('refuses an unknown issuer, or a carrier given as issuer, with a coded error', () => {
    expect(() => build('entered_data', 'visa')).toThrow(InputError);
    expect(() => build('entered_data', 'docomo')).toThrow(/unknown card issuer "docomo"/);
    let error: unknown;
    try {
      build('entered_data', null, 'jcb');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('unknown_carrier');
  });

  it('refuses an unknown situation and a time without an offset', () => {
    expect(() => build('hacked' as Situation)).toThrow(/unknown situation/);
    expect(() =>
      buildChecklist({ registry, situation: 'got_message', lang: 'ja', at: '2026-11-24 10:05' }),
    ).toThrow(/ISO 8601/);
  });

  it('is deterministic: the time is the one given, normalised to UTC', () => {
    const a = build('entered_data', 'jcb', 'au');
    expect(a).toEqual(build('entered_data', 'jcb', 'au'));
    expect(a.created_at).toBe('2026-11-24T01:05:00.000Z');
    expect(
      buildChecklist({ registry, situation: 'got_message', lang: 'en', at: new Date(0) }).created_at,
    ).toBe('1970-01-01T00:00:00.000Z');
  });

  it('serialises to JSON and parses back with the wire schema', () => {
    const c = build('lost_phone', 'aeon', 'au', 'en');
    expect(checklistSchema.parse(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(c.steps.every((s) => s.done_at === null)).toBe(true);
  });

  it("check_official names the chosen brands' own apps and member sites", () => {
    const text = stepOf(build('got_message', 'rakuten_card', 'docomo'), 'check_official')
      .notes.map((n) => n.ja)
      .join('\n');
    expect(text).toContain('楽天カードアプリ');
    expect(text).toContain('My docomo');
  });
});
