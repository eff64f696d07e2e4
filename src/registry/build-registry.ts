/**
 * Builds the normalised Registry from the reference organisations, the project's brand profiles
 * and optional operator overrides. Pure: data in, frozen registry out.
 */
import { ConfigError } from '../errors.ts';
import { toCarrierBilling } from './carrier-billing.ts';
import type { BrandProfile, Organization, OverrideOrganization } from './reference-schema.ts';
import type { Brand, Fact, PhoneFact, Registry, SourceType, TextFact } from './types.ts';

const SOURCE_RANK: Record<SourceType, number> = {
  operator: 5,
  official: 4,
  partner_official: 3,
  news: 2,
  secondary: 1,
};

/** Digits of a phone number for matching: 0120-524-360 → 0120524360, +81-92-… → 8192…, #9110 stays. */
export function phoneDigits(number: string): string {
  const n = number.normalize('NFKC');
  if (n.startsWith('#')) return `#${n.replace(/\D/g, '')}`;
  let digits = n.replace(/\D/g, '');
  // Reference numbers such as "81-92-474-9256" are international numbers written without '+'.
  if (digits.startsWith('81') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  return digits;
}

function hostOnly(h: string): string {
  return h.split('/')[0] ?? h;
}

function domainFacts(org: Organization | OverrideOrganization, defaultSourceType: SourceType): Fact[] {
  const bySource = new Map<string, { source: string; sourceType: SourceType }>();
  for (const ds of org.domain_sources ?? []) {
    if (ds.shortener) continue;
    const prev = bySource.get(ds.domain);
    if (!prev || SOURCE_RANK[ds.source_type] > SOURCE_RANK[prev.sourceType]) {
      bySource.set(ds.domain, { source: ds.source, sourceType: ds.source_type });
    }
  }
  const sources = org.sources ?? [];
  const out = new Map<string, Fact>();
  const pending: string[] = [];
  for (const raw of [...(org.official_domains ?? []), ...(org.official_hosts_seen ?? [])]) {
    const value = hostOnly(raw);
    if (out.has(value)) continue;
    const known = bySource.get(value);
    // Older reference entries give a domain's evidence in `sources`: the page read on that domain.
    const page = sources.find((s) => {
      try {
        const h = new URL(s).hostname;
        return h === value || h.endsWith(`.${value}`);
      } catch {
        return false;
      }
    });
    if (known) out.set(value, { value, ...known });
    else if (page) out.set(value, { value, source: page, sourceType: defaultSourceType });
    else pending.push(value);
  }
  // A host with no evidence of its own inherits from a listed parent domain (www.post.japanpost.jp
  // from japanpost.jp); with neither, it is kept but marked secondary: never shown as verified.
  for (const value of pending) {
    const parent = [...out.values()].find((f) => value.endsWith(`.${f.value}`));
    out.set(
      value,
      parent
        ? { value, source: parent.source, sourceType: parent.sourceType }
        : {
            value,
            source: sources[0] ?? 'operator override',
            sourceType: sources.length ? 'secondary' : defaultSourceType,
          },
    );
  }
  // A domain reported only by a secondary page stays in domain_sources and is not promoted
  // (see the reference README); it is not added here.
  return [...out.values()];
}

function shortenerFacts(org: Organization | OverrideOrganization): Fact[] {
  const out: Fact[] = [];
  for (const s of org.official_shorteners ?? []) {
    const ds = (org.domain_sources ?? []).find((d) => d.domain === s && d.shortener);
    out.push({ value: s, source: ds?.source ?? 'unknown', sourceType: ds?.source_type ?? 'secondary' });
  }
  return out;
}

function smsFacts(org: Organization | OverrideOrganization): { senders: Fact[]; spoofed: Fact[] } {
  const s = org.sms_sender_ids;
  if (!s) return { senders: [], spoofed: [] };
  const senders: Fact[] = [];
  for (const [key, val] of Object.entries(s)) {
    if (key === 'spoofed_display_names_seen' || !Array.isArray(val)) continue;
    for (const v of val)
      if (typeof v === 'string') senders.push({ value: v, source: s.source, sourceType: s.source_type });
  }
  const spoofed = (s.spoofed_display_names_seen ?? []).map((value) => ({
    value,
    source: s.source,
    sourceType: s.source_type,
  }));
  return { senders, spoofed };
}

function textFacts(list: unknown): TextFact[] {
  const arr = Array.isArray(list) ? list : list ? [list] : [];
  return arr.map((t: { ja: string; en: string; source: string; source_type: SourceType }) => ({
    ja: t.ja,
    en: t.en,
    source: t.source,
    sourceType: t.source_type,
  }));
}

function phoneFacts(org: Organization | OverrideOrganization): PhoneFact[] {
  return (org.phones ?? []).map((p) => ({
    value: p.number,
    digits: phoneDigits(p.number),
    purpose: p.purpose,
    ...(p.hours ? { hours: p.hours } : {}),
    ...(p.note ? { note: p.note } : {}),
    source: p.source,
    sourceType: p.source_type,
  }));
}

function toBrand(
  org: Organization,
  profile: BrandProfile | undefined,
  parentGroup: string | undefined,
): Brand {
  const sms = smsFacts(org);
  return {
    id: org.id,
    nameJa: org.name_ja,
    nameEn: org.name_en,
    kind: org.kind,
    parent: org.parent ?? null,
    group: profile?.group ?? parentGroup ?? org.id,
    aliases: [...new Set([org.name_ja, ...(profile?.aliases ?? [])])],
    domainKeywords: profile?.domain_keywords ?? [],
    domains: domainFacts(org, 'official'),
    shorteners: shortenerFacts(org),
    smsSenders: sms.senders,
    spoofedSenderNames: sms.spoofed,
    emailSenderDomains: (org.email_sender_domains?.domains ?? []).map((value) => ({
      value,
      source: org.email_sender_domains?.source ?? '',
      sourceType: org.email_sender_domains?.source_type ?? 'secondary',
    })),
    emailSenderAddresses: (org.email_sender_addresses?.addresses ?? []).map((value) => ({
      value: value.toLowerCase(),
      source: org.email_sender_addresses?.source ?? '',
      sourceType: org.email_sender_addresses?.source_type ?? 'secondary',
    })),
    phones: phoneFacts(org),
    apps: org.apps ?? [],
    portal: profile?.portal ?? org.self_service ?? null,
    homepage: profile?.homepage ?? null,
    messageBox: org.message_box ?? null,
    stopProcedures: textFacts(org.stop_procedures),
    compensation: textFacts(org.compensation),
    phishingNotes: textFacts(org.phishing_notes),
    report: org.report
      ? {
          ...(org.report.email ? { email: org.report.email } : {}),
          ...(org.report.web_form ? { webForm: org.report.web_form } : {}),
          source: org.report.source,
          sourceType: org.report.source_type,
        }
      : null,
    carrierBilling: toCarrierBilling(org.carrier_billing),
  };
}

function uniqBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const it of items) seen.set(key(it), it);
  return [...seen.values()];
}

/** Applies one override entry: lists are extended (operator facts win on equal values), scalars replaced. */
function applyOverride(base: Brand | undefined, o: OverrideOrganization): Brand {
  if (!base) {
    if (!o.name_ja || !o.name_en || !o.kind) {
      throw new ConfigError(
        'invalid_registry_override',
        `organizations (id "${o.id}"): a new entry needs name_ja, name_en and kind`,
      );
    }
  }
  const org = o as Organization;
  const fresh = toBrand(
    {
      ...org,
      name_ja: o.name_ja ?? base?.nameJa ?? o.id,
      name_en: o.name_en ?? base?.nameEn ?? o.id,
      kind: o.kind ?? base?.kind ?? 'ecommerce',
    } as Organization,
    undefined,
    undefined,
  );
  if (!base) {
    return {
      ...fresh,
      group: o.group ?? o.id,
      aliases: [...new Set([...fresh.aliases, ...(o.aliases ?? [])])],
      domainKeywords: o.domain_keywords ?? [],
      homepage: o.homepage ?? null,
      portal: o.portal ?? fresh.portal,
    };
  }
  const byValue = (f: Fact) => f.value;
  return {
    ...base,
    nameJa: o.name_ja ?? base.nameJa,
    nameEn: o.name_en ?? base.nameEn,
    kind: o.kind ?? base.kind,
    group: o.group ?? base.group,
    aliases: [...new Set([...base.aliases, ...(o.aliases ?? [])])],
    domainKeywords: [...new Set([...base.domainKeywords, ...(o.domain_keywords ?? [])])],
    domains: uniqBy([...base.domains, ...fresh.domains], byValue),
    shorteners: uniqBy([...base.shorteners, ...fresh.shorteners], byValue),
    smsSenders: uniqBy([...base.smsSenders, ...fresh.smsSenders], byValue),
    spoofedSenderNames: uniqBy([...base.spoofedSenderNames, ...fresh.spoofedSenderNames], byValue),
    emailSenderDomains: uniqBy([...base.emailSenderDomains, ...fresh.emailSenderDomains], byValue),
    emailSenderAddresses: uniqBy([...base.emailSenderAddresses, ...fresh.emailSenderAddresses], byValue),
    phones: uniqBy([...base.phones, ...fresh.phones], (p) => `${p.digits}|${p.purpose}`),
    apps: [...new Set([...base.apps, ...fresh.apps])],
    portal: o.portal ?? o.self_service ?? base.portal,
    homepage: o.homepage ?? base.homepage,
    messageBox: o.message_box ?? base.messageBox,
    stopProcedures: o.stop_procedures ? fresh.stopProcedures : base.stopProcedures,
    compensation: o.compensation ? fresh.compensation : base.compensation,
    phishingNotes: [...base.phishingNotes, ...fresh.phishingNotes],
    report: fresh.report ?? base.report,
    carrierBilling: fresh.carrierBilling ?? base.carrierBilling,
  };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

export function buildRegistry(input: {
  organizations: Organization[];
  profiles: Record<string, BrandProfile>;
  overrides?: OverrideOrganization[];
}): Registry {
  const byId = new Map<string, Brand>();
  for (const org of input.organizations) {
    const profile = input.profiles[org.id];
    const parentGroup = org.parent ? (input.profiles[org.parent]?.group ?? org.parent) : undefined;
    const brand = toBrand(org, profile, parentGroup);
    byId.set(brand.id, brand);
  }
  for (const o of input.overrides ?? []) byId.set(o.id, applyOverride(byId.get(o.id), o));
  const brands = [...byId.values()];
  return deepFreeze({ brands, byId });
}
