/**
 * buildChecklist: the ordered guided-response checklist for one situation (issue 6 "Guided
 * response"). Pure: registry + answers + a time in, checklist out; no clock, no files.
 *
 * Every number and procedure comes from the registry with its source. A fact whose source is not
 * official (`isVerified` false: secondary, news) is marked `unconfirmed`, and the step says where to
 * check it (back of the card / official site): reference README, "CAUTION — verify before
 * production use".
 */
import { z } from 'zod';
import { InputError } from '../errors.ts';
import type { CarrierBilling, SourcedText } from '../registry/index.ts';
import { type Brand, isVerified, type PhoneFact, type Registry, type TextFact } from '../registry/index.ts';
import type {
  Checklist,
  ChecklistStep,
  Lang,
  LocalText,
  Situation,
  StepId,
  StepNote,
  StepPhone,
} from './checklist.ts';
import { SITUATIONS, situationSchema } from './checklist.ts';
import {
  CARD_STOP_TITLE,
  POLICE_TITLE,
  TEXT,
  TITLE,
  UNCONFIRMED_CARD_NUMBER,
  UNCONFIRMED_CARRIER_NUMBER,
  UNCONFIRMED_FACT,
} from './step-text.ts';

/**
 * The steps of each situation, in order. Irrelevant steps are left out: a message that was only
 * received needs no card stop; a lost phone needs the line stopped before anything else.
 */
export const STEP_ORDER: Readonly<Record<Situation, readonly StepId[]>> = {
  got_message: ['dont_tap', 'report_phishing', 'check_official'],
  entered_data: [
    'card_stop',
    'carrier_billing',
    'password_2fa',
    'keep_evidence',
    'police',
    'consumer_hotline',
    'report_phishing',
    'compensation',
  ],
  unknown_charge: [
    'card_stop',
    'carrier_billing',
    'password_2fa',
    'keep_evidence',
    'compensation',
    'police',
    'consumer_hotline',
  ],
  lost_phone: [
    'line_stop',
    'carrier_billing',
    'card_stop',
    'password_2fa',
    'police',
    'keep_evidence',
    'compensation',
  ],
};

export interface BuildChecklistOptions {
  registry: Registry;
  situation: Situation;
  /** A card_issuer brand id; absent or null when the person does not know. */
  issuerId?: string | null | undefined;
  /** A carrier brand id; absent or null when the person does not know. */
  carrierId?: string | null | undefined;
  lang: Lang;
  /** When the checklist was made: a Date or ISO 8601 text with an offset. */
  at: Date | string;
  /** Carrier billing by brand id, overriding the registry's (a test seam). */
  carrierBilling?: ReadonlyMap<string, CarrierBilling>;
}

const isoWithOffset = z.iso.datetime({ offset: true });

/** Normalises a time to ISO 8601 UTC, or fails with a coded error. */
export function isoTime(at: Date | string): string {
  if (at instanceof Date) {
    if (Number.isNaN(at.getTime())) throw new InputError('invalid_time', 'the time is not a valid date');
    return at.toISOString();
  }
  if (!isoWithOffset.safeParse(at).success)
    throw new InputError(
      'invalid_time',
      `"${at}" is not an ISO 8601 time with an offset (e.g. 2026-11-24T10:05:00+09:00)`,
    );
  return new Date(at).toISOString();
}

/** The brands a person can pick from, in registry order. */
export function brandsOfKind(registry: Registry, kind: 'card_issuer' | 'carrier'): Brand[] {
  return registry.brands.filter((b) => b.kind === kind);
}

function pickBrand(
  registry: Registry,
  id: string | null | undefined,
  kind: 'card_issuer' | 'carrier',
): Brand | null {
  if (id === undefined || id === null) return null;
  const brand = registry.byId.get(id);
  if (brand && brand.kind === kind) return brand;
  const what = kind === 'card_issuer' ? 'card issuer' : 'carrier';
  const ids = brandsOfKind(registry, kind).map((b) => b.id);
  throw new InputError(
    `unknown_${kind === 'card_issuer' ? 'issuer' : 'carrier'}`,
    `unknown ${what} "${id}"; choose one of: ${ids.join(', ')}`,
  );
}

const t = (ja: string, en: string): LocalText => ({ ja, en });

const PURPOSE_LABEL: Readonly<Record<string, LocalText>> = {
  card_stop_24h: t('紛失・盗難の受付', 'Lost or stolen cards'),
  card_stop_24h_alt: t('紛失・盗難の受付(別の番号)', 'Lost or stolen cards (other number)'),
  card_stop_24h_mufg: t('MUFGカードの紛失・盗難', 'MUFG Card, lost or stolen'),
  card_stop_24h_nicos: t('NICOSカードの紛失・盗難', 'NICOS Card, lost or stolen'),
  card_stop_24h_dc: t('DCカードの紛失・盗難', 'DC Card, lost or stolen'),
  card_stop_tollfree: t('紛失・盗難の受付(フリーダイヤル)', 'Lost or stolen cards (toll-free)'),
  card_stop_mobile: t('紛失・盗難の受付(携帯電話から)', 'Lost or stolen cards (from a mobile phone)'),
  card_stop_overseas: t('紛失・盗難の受付(海外から)', 'Lost or stolen cards (from abroad)'),
  fraud_desk: t('不正利用の窓口', 'Fraud desk'),
  fraud_desk_24h: t('不正利用の窓口', 'Fraud desk'),
  lost_phone: t('紛失・盗難(回線の利用中断)', 'Lost or stolen phone (suspend the line)'),
  lost_phone_24h: t('紛失・盗難の受付', 'Lost or stolen phone'),
  lost_phone_24h_from_au: t('紛失・盗難の受付(au携帯電話から)', 'Lost or stolen phone (from an au phone)'),
  general: t('お客さまセンター', 'Customer centre'),
  general_english: t('お客さまセンター(英語)', 'Customer centre (English)'),
  consumer_consultation: t('消費者ホットライン', 'Consumer hotline'),
  police_consultation: t('警察相談専用電話', 'Police consultation line'),
};

function stepPhone(brand: Brand, p: PhoneFact): StepPhone {
  const purpose = PURPOSE_LABEL[p.purpose] ?? t(p.purpose, p.purpose);
  // Public lines are named by their purpose alone (警察相談専用電話), others by brand + purpose.
  const label =
    brand.kind === 'public' ? purpose : t(`${brand.nameJa} ${purpose.ja}`, `${brand.nameEn}: ${purpose.en}`);
  // The reference writes numbers to call from abroad without '+' (81-92-…); a tel: link needs it.
  const digits = p.purpose.endsWith('_overseas') ? `+${p.value.replace(/\D/g, '')}` : p.digits;
  return {
    number: p.value,
    digits,
    brand_id: brand.id,
    label,
    ...(p.hours ? { hours: p.hours } : {}),
    ...(p.note ? { note: p.note } : {}),
    source: p.source,
    source_type: p.sourceType,
    unconfirmed: !isVerified(p.sourceType),
  };
}

function advice(text: LocalText): StepNote {
  return { ja: text.ja, en: text.en, unconfirmed: false };
}

function fact(f: TextFact | SourcedText): StepNote {
  return {
    ja: f.ja,
    en: f.en,
    source: f.source,
    source_type: f.sourceType,
    unconfirmed: !isVerified(f.sourceType),
  };
}

/** A fact prefixed with whose it is ("楽天カード: …"), for steps that mix issuer and carrier facts. */
function named<F extends TextFact | SourcedText>(brand: Brand, f: F): F {
  return { ...f, ja: `${brand.nameJa}: ${f.ja}`, en: `${brand.nameEn}: ${f.en}` };
}

function step(
  id: StepId,
  title: LocalText,
  phones: StepPhone[],
  notes: StepNote[],
): Omit<ChecklistStep, 'done_at'> {
  // A step showing a fact from a non-official page says so once, in words (the mark alone is not
  // enough for a person under stress): reference README "CAUTION".
  if (notes.some((n) => n.unconfirmed)) notes.push(advice(UNCONFIRMED_FACT));
  return { id, title, phones, notes };
}

interface Context {
  registry: Registry;
  situation: Situation;
  issuer: Brand | null;
  carrier: Brand | null;
  billing: CarrierBilling | null;
  lang: Lang;
}

function publicPhones(ctx: Context, brandId: string, purpose: string): StepPhone[] {
  const brand = ctx.registry.byId.get(brandId);
  if (!brand) return [];
  return brand.phones.filter((p) => p.purpose === purpose).map((p) => stepPhone(brand, p));
}

function cardStop(ctx: Context) {
  const { issuer, situation } = ctx;
  const phones = issuer
    ? issuer.phones
        .filter((p) => p.purpose.startsWith('card_stop') || p.purpose.startsWith('fraud_desk'))
        .map((p) => stepPhone(issuer, p))
    : [];
  const notes: StepNote[] = [];
  if (phones.some((p) => p.unconfirmed)) notes.push(advice(UNCONFIRMED_CARD_NUMBER));
  if (phones.length === 0) {
    if (issuer)
      notes.push(
        advice(
          t(
            `${issuer.nameJa}の窓口の番号は、Mamoriには登録されていません。`,
            `Mamori has no number on record for ${issuer.nameEn}.`,
          ),
        ),
      );
    notes.push(advice(TEXT.cardBackNumber));
  }
  if (situation !== 'lost_phone') notes.push(advice(TEXT.neverCallMessageNumber));
  if (situation === 'entered_data') notes.push(advice(TEXT.sayEnteredData));
  if (situation === 'unknown_charge') notes.push(advice(TEXT.sayUnknownCharge));
  if (situation === 'lost_phone') notes.push(advice(TEXT.sayLostPhone));
  if (situation === 'entered_data' || situation === 'unknown_charge') notes.push(advice(TEXT.askWindow));
  for (const p of issuer?.stopProcedures ?? []) notes.push(fact(p));
  return step('card_stop', CARD_STOP_TITLE[situation], phones, notes);
}

function lineStop(ctx: Context) {
  const { carrier } = ctx;
  let phones: StepPhone[] = [];
  if (carrier) {
    const lost = carrier.phones.filter((p) => p.purpose.startsWith('lost_phone'));
    // au's official page says to call customer support; when no verified lost-phone number is on
    // record, the verified general numbers are the way in.
    const general = lost.some((p) => isVerified(p.sourceType))
      ? []
      : carrier.phones.filter((p) => p.purpose === 'general' && isVerified(p.sourceType));
    const english = ctx.lang === 'en' ? carrier.phones.filter((p) => p.purpose === 'general_english') : [];
    phones = [...lost, ...general, ...english].map((p) => stepPhone(carrier, p));
  }
  const notes: StepNote[] = [];
  if (phones.some((p) => p.unconfirmed)) notes.push(advice(UNCONFIRMED_CARRIER_NUMBER));
  if (phones.length === 0) {
    if (carrier)
      notes.push(
        advice(
          t(
            `${carrier.nameJa}の紛失・盗難の窓口の番号は、Mamoriには登録されていません。`,
            `Mamori has no lost-phone number on record for ${carrier.nameEn}.`,
          ),
        ),
      );
    notes.push(advice(TEXT.callCarrierLost));
  }
  for (const p of carrier?.stopProcedures ?? []) notes.push(fact(p));
  notes.push(advice(TEXT.findDevice));
  return step('line_stop', TITLE.line_stop, phones, notes);
}

function carrierBilling(ctx: Context) {
  const { carrier, billing } = ctx;
  const notes: StepNote[] = [];
  if (ctx.situation === 'entered_data') notes.push(advice(TEXT.billingEnteredCode));
  // The one-tap lock is the fastest way to stop billing where Mamori protects the service.
  notes.push(advice(TEXT.mamoriLock));
  if (carrier && billing && (billing.nameJa || billing.nameEn)) {
    const ja = billing.nameJa ?? billing.nameEn ?? '';
    const en = billing.nameEn ?? billing.nameJa ?? '';
    const name = t(`${carrier.nameJa}のキャリア決済: ${ja}`, `${carrier.nameEn} carrier billing: ${en}`);
    notes.push(
      billing.nameSource
        ? fact({ ...name, source: billing.nameSource.source, sourceType: billing.nameSource.sourceType })
        : advice(name),
    );
  }
  notes.push(advice(TEXT.billingCheckYourself));
  if (carrier?.portal)
    notes.push(
      advice(
        t(
          `${carrier.nameJa}の会員ページ: ${carrier.portal}`,
          `${carrier.nameEn} member site: ${carrier.portal}`,
        ),
      ),
    );
  if (billing?.usageCheck) notes.push(fact(billing.usageCheck));
  for (const s of billing?.stopOrLimit ?? []) notes.push(fact(s));
  notes.push(advice(TEXT.billingStopGeneric));
  return step('carrier_billing', TITLE.carrier_billing, [], notes);
}

function password2fa(ctx: Context) {
  const first =
    ctx.situation === 'entered_data'
      ? TEXT.passwordEntered
      : ctx.situation === 'lost_phone'
        ? TEXT.passwordLost
        : TEXT.passwordCharge;
  const notes = [first, TEXT.twoFactor, TEXT.checkAccountChanges, TEXT.neverTellCodes].map(advice);
  return step('password_2fa', TITLE.password_2fa, [], notes);
}

function keepEvidence(ctx: Context) {
  const lines: LocalText[] = [];
  if (ctx.situation === 'entered_data') lines.push(TEXT.evidenceMessage, TEXT.evidenceSite);
  if (ctx.situation === 'unknown_charge') lines.push(TEXT.evidenceStatement);
  if (ctx.situation === 'lost_phone') lines.push(TEXT.evidenceLost);
  lines.push(TEXT.evidenceCalls, TEXT.evidenceReport);
  return step('keep_evidence', TITLE.keep_evidence, [], lines.map(advice));
}

function police(ctx: Context) {
  if (ctx.situation === 'lost_phone') {
    return step('police', POLICE_TITLE.lost, [], [TEXT.policeLost, TEXT.policeReceipt].map(advice));
  }
  const phones = publicPhones(ctx, 'police_9110', 'police_consultation');
  const notes = [
    phones.length > 0 ? TEXT.police9110 : TEXT.policeNumberMissing,
    TEXT.police110,
    TEXT.policeReceipt,
  ];
  return step('police', POLICE_TITLE.consult, phones, notes.map(advice));
}

function consumerHotline(ctx: Context) {
  // Only the current number: the reference marks 0570-064-370 as a legacy number to re-check.
  const phones = publicPhones(ctx, 'consumer_hotline_188', 'consumer_consultation');
  return step('consumer_hotline', TITLE.consumer_hotline, phones, [
    advice(phones.length > 0 ? TEXT.hotline188 : TEXT.hotlineMissing),
  ]);
}

function reportPhishing(ctx: Context) {
  const council = ctx.registry.byId.get('antiphishing_jp');
  const report = council?.report ?? null;
  const notes: StepNote[] = [];
  if (council && report) {
    const sourced = (text: LocalText): StepNote =>
      fact({ ...text, source: report.source, sourceType: report.sourceType });
    if (report.email)
      notes.push(
        sourced(
          t(
            `${council.nameJa}に転送する: ${report.email}`,
            `Forward it to the Council of Anti-Phishing Japan (${council.nameJa}): ${report.email}`,
          ),
        ),
      );
    if (report.webForm)
      notes.push(sourced(t(`報告フォーム: ${report.webForm}`, `Report form: ${report.webForm}`)));
    notes.push(advice(TEXT.phishingHow));
  } else {
    notes.push(advice(TEXT.phishingMissing));
  }
  notes.push(advice(TEXT.phishingImpersonated));
  return step('report_phishing', TITLE.report_phishing, [], notes);
}

function compensation(ctx: Context) {
  const { issuer, carrier, billing } = ctx;
  const notes: StepNote[] = [];
  const issuerFacts = issuer?.compensation ?? [];
  if (issuer && issuerFacts.length > 0) {
    for (const c of issuerFacts) notes.push(fact(named(issuer, c)));
  } else {
    if (issuer)
      notes.push(
        advice(
          t(
            `${issuer.nameJa}の補償の届出期限は、Mamoriには登録されていません。`,
            `Mamori does not know ${issuer.nameEn}'s reporting window for compensation.`,
          ),
        ),
      );
    notes.push(advice(TEXT.compensationAskIssuer));
  }
  const carrierFacts = [...(billing?.compensation ?? []), ...(carrier?.compensation ?? [])];
  if (carrier && carrierFacts.length > 0) {
    for (const c of carrierFacts) notes.push(fact(named(carrier, c)));
  } else {
    notes.push(advice(TEXT.compensationAskCarrier));
  }
  notes.push(advice(TEXT.compensationEarly));
  return step('compensation', TITLE.compensation, [], notes);
}

function dontTap() {
  return step('dont_tap', TITLE.dont_tap, [], [TEXT.spoofable, TEXT.checkCommand, TEXT.ifTapped].map(advice));
}

function checkOfficial(ctx: Context) {
  const notes: StepNote[] = [advice(TEXT.checkOfficialHow)];
  for (const brand of [ctx.issuer, ctx.carrier]) {
    if (!brand) continue;
    const ways = [...new Set([...brand.apps, ...(brand.portal ? [brand.portal] : [])])];
    if (ways.length > 0)
      notes.push(advice(t(`${brand.nameJa}: ${ways.join('、')}`, `${brand.nameEn}: ${ways.join(', ')}`)));
  }
  notes.push(advice(TEXT.checkOfficialAsk));
  return step('check_official', TITLE.check_official, [], notes);
}

const BUILDERS: Readonly<Record<StepId, (ctx: Context) => Omit<ChecklistStep, 'done_at'>>> = {
  dont_tap: dontTap,
  check_official: checkOfficial,
  card_stop: cardStop,
  line_stop: lineStop,
  carrier_billing: carrierBilling,
  password_2fa: password2fa,
  keep_evidence: keepEvidence,
  police,
  consumer_hotline: consumerHotline,
  report_phishing: reportPhishing,
  compensation,
};

/** Builds the ordered checklist. Unknown issuer/carrier ids and bad times are InputErrors. */
export function buildChecklist(options: BuildChecklistOptions): Checklist {
  const parsed = situationSchema.safeParse(options.situation);
  if (!parsed.success)
    throw new InputError(
      'invalid_situation',
      `unknown situation "${String(options.situation)}"; choose one of: ${SITUATIONS.join(', ')}`,
    );
  const situation = parsed.data;
  const issuer = pickBrand(options.registry, options.issuerId, 'card_issuer');
  const carrier = pickBrand(options.registry, options.carrierId, 'carrier');
  const ctx: Context = {
    registry: options.registry,
    situation,
    issuer,
    carrier,
    billing: carrier ? (options.carrierBilling?.get(carrier.id) ?? carrier.carrierBilling) : null,
    lang: options.lang,
  };
  return {
    version: 1,
    situation,
    issuer_id: issuer?.id ?? null,
    carrier_id: carrier?.id ?? null,
    lang: options.lang,
    created_at: isoTime(options.at),
    steps: STEP_ORDER[situation].map((id) => ({ ...BUILDERS[id](ctx), done_at: null })),
  };
}
