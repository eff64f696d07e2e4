/**
 * checkMessage(): one message in, a verdict with reasons out (../shared/contracts/checker.md).
 * Pure: no I/O, no clock. The registry is passed in (or the built-in one is used).
 */
import {
  type Brand,
  defaultRegistry,
  findPhoneOwners,
  isVerified,
  type Registry,
  type RegistryIndex,
  registryIndex,
  senderKey,
} from '../registry/index.ts';
import { buildAdvice } from './advice.ts';
import { type BrandEvidence, brandMentions, pickBrand } from './claimed-brand.ts';
import { classifyHost, type DomainClaim, type HostClass } from './classify-host.ts';
import { extractLinks, type FoundLink, htmlToText } from './extract-links.ts';
import { extractPhones, type FoundPhone } from './extract-phones.ts';
import { REASONS, type ReasonCode, reasonText } from './messages.ts';
import { normalizeText } from './normalize-text.ts';
import type {
  CheckInput,
  CheckOptions,
  CheckResult,
  Lang,
  LinkFinding,
  PhoneFinding,
  Reason,
  Verdict,
} from './types.ts';
import { type UrlFacts, urlFacts } from './url-facts.ts';
import {
  ABUSE_TLDS,
  DANGEROUS_EXTENSIONS,
  FREE_HOSTING,
  hostIn,
  REDIRECTORS,
  URL_SHORTENERS,
} from './web-lists.ts';
import { analyseWording } from './wording.ts';

/** Score at or above which the verdict is phishing / suspicious. */
export const PHISHING_AT = 60;
export const SUSPICIOUS_AT = 25;
/** Without a link, a number, an attachment or a request, a message can at most be suspicious. */
const NOTHING_TO_ACT_ON_CAP = 55;

export interface CheckMessageOptions extends CheckOptions {
  registry?: Registry;
}

interface PendingReason {
  code: ReasonCode;
  params: Record<string, string>;
  evidence: string;
}

interface AnalysedLink {
  found: FoundLink;
  facts: UrlFacts;
  cls: HostClass;
}

const NUMERIC_SENDER = /^[+#]?[\d\s()-]+$/;

function parseSender(sender: string | undefined): { name?: string; address?: string; raw?: string } {
  if (!sender) return {};
  const s = sender.trim();
  const angle = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(s);
  if (angle)
    return { name: angle[1]?.trim() || undefined, address: angle[2]?.trim().toLowerCase(), raw: s } as never;
  if (s.includes('@')) return { address: s.toLowerCase(), raw: s };
  return { name: s, raw: s };
}

function brandParams(brand: Brand | undefined): Record<string, string> {
  return { brandJa: brand?.nameJa ?? '', brandEn: brand?.nameEn ?? '' };
}

const NO_GROUP: ReadonlySet<string> = new Set();
function groupOf(index: RegistryIndex, brandId: string | null): ReadonlySet<string> {
  if (!brandId) return NO_GROUP;
  return index.groupMembers.get(index.registry.byId.get(brandId)?.group ?? '') ?? NO_GROUP;
}

function tldOf(facts: UrlFacts): string {
  const parts = facts.host.split('.');
  return parts[parts.length - 1] ?? '';
}

const CLAIM_CODE: Record<DomainClaim['kind'], ReasonCode> = {
  lookalike_domain: 'lookalike_domain',
  tld_swap: 'lookalike_domain',
  brand_in_domain: 'lookalike_domain',
  homoglyph_domain: 'homoglyph_domain',
  brand_in_subdomain: 'brand_in_subdomain',
  brand_in_path: 'brand_in_path',
};

const CLAIM_DETAIL: Record<DomainClaim['kind'], [string, string]> = {
  lookalike_domain: [
    '公式ドメイン {o} の綴りを少し変えたものです',
    'a slight misspelling of the official {o}',
  ],
  tld_swap: [
    '公式ドメイン {o} と末尾だけが違う別のドメインです',
    'same name as the official {o} with a different ending',
  ],
  brand_in_domain: ['「{o}」という名前を含めただけの別のドメインです', 'it merely contains the name "{o}"'],
  homoglyph_domain: ['', ''],
  brand_in_subdomain: ['', ''],
  brand_in_path: ['', ''],
};

export function checkMessage(input: CheckInput, options: CheckMessageOptions = {}): CheckResult {
  const lang: Lang = options.lang ?? 'ja';
  const registry = options.registry ?? defaultRegistry();
  const index = registryIndex(registry);

  const bodyText = input.text?.trim() ? input.text : input.html ? htmlToText(input.html) : '';
  const { text, defanged } = normalizeText(bodyText);
  const subject = input.subject ? normalizeText(input.subject).text : '';
  const senderParts = parseSender(input.sender);
  const fromAddress = (input.email?.fromAddress ?? senderParts.address)?.toLowerCase();
  const fromName = input.email?.fromName ?? (fromAddress ? senderParts.name : undefined);
  const smsSender = !fromAddress && input.channel !== 'email' ? senderParts.name : undefined;

  // --- Evidence of the claimed brand -------------------------------------------------------
  const evidence: BrandEvidence[] = [
    ...brandMentions(index, subject, 3),
    ...brandMentions(index, fromName ?? '', 4),
    ...brandMentions(index, smsSender ?? '', 4),
    ...brandMentions(index, text, 2),
  ];
  const smsSenderMatches = smsSender
    ? [
        ...(index.smsSenders.get(senderKey(smsSender)) ?? []),
        ...(NUMERIC_SENDER.test(smsSender) ? findPhoneOwners(index, senderKey(smsSender)) : []),
      ]
    : [];
  for (const m of smsSenderMatches) evidence.push({ brandId: m.brand.id, weight: 4, claimed: true });
  const spoofedSender = smsSender ? (index.spoofedSenders.get(senderKey(smsSender)) ?? []) : [];
  for (const m of spoofedSender) evidence.push({ brandId: m.brand.id, weight: 4, claimed: true });

  const links: AnalysedLink[] = extractLinks(text, input.html).map((found) => {
    const facts = urlFacts(found.url);
    return { found, facts, cls: classifyHost(index, facts) };
  });
  for (const l of links) {
    for (const c of l.cls.claims)
      evidence.push({ brandId: c.brandId, weight: c.kind === 'brand_in_path' ? 1 : 3, claimed: true });
    for (const o of l.cls.owners) evidence.push({ brandId: o.brandId, weight: 1, claimed: false });
  }
  const fromFacts = fromAddress ? urlFacts(`http://${fromAddress.split('@').pop() ?? ''}`) : null;
  const fromClass = fromFacts ? classifyHost(index, fromFacts) : null;
  if (fromClass) {
    for (const c of fromClass.claims) evidence.push({ brandId: c.brandId, weight: 3, claimed: true });
    for (const o of fromClass.owners) evidence.push({ brandId: o.brandId, weight: 2, claimed: true });
  }
  if (fromAddress) {
    const domain = fromAddress.split('@').pop() ?? '';
    for (const o of [
      ...(index.emailDomains.get(domain) ?? []),
      ...(index.emailAddresses.get(fromAddress) ?? []),
    ]) {
      evidence.push({ brandId: o.brand.id, weight: 2, claimed: true });
    }
  }
  const phones: FoundPhone[] = extractPhones(text);
  for (const p of phones)
    for (const o of findPhoneOwners(index, p.digits))
      evidence.push({ brandId: o.brand.id, weight: 1, claimed: false });

  const claimed = pickBrand(index, evidence);
  const brand = claimed.brandId ? registry.byId.get(claimed.brandId) : undefined;
  const family = groupOf(index, claimed.brandId);
  const bp = brandParams(brand);

  // A brand whose official domains are unknown (e.g. Saison in the reference) cannot be imitated
  // provably: its name in a domain is then only "unconfirmed", not a lookalike.
  const realClaim = (c: DomainClaim | undefined) =>
    c && (registry.byId.get(c.brandId)?.domains.length ?? 0) > 0 ? c : undefined;

  const pending: PendingReason[] = [];
  const add = (code: ReasonCode, params: Record<string, string>, evidenceText: string) => {
    if (pending.some((p) => p.code === code && p.evidence === evidenceText)) return;
    pending.push({ code, params, evidence: evidenceText });
  };

  // --- Links -------------------------------------------------------------------------------
  const linkFindings: LinkFinding[] = [];
  let unofficialLinks = 0;
  for (const { found, facts, cls } of links) {
    const shown = found.url;
    if (facts.scheme === 'javascript' || facts.scheme === 'vbscript' || facts.scheme === 'data') {
      add('script_link', { scheme: facts.scheme }, shown.slice(0, 120));
      linkFindings.push({ url: shown.slice(0, 500), domain: '', official: false });
      unofficialLinks++;
      continue;
    }
    if (!facts.host) continue;
    const owners = claimed.brandId ? cls.owners.filter((o) => family.has(o.brandId)) : cls.owners;
    const verifiedOwner = owners.some((o) => isVerified(o.sourceType) || o.sourceType === 'news');
    const ownedByOther = cls.owners.length > 0 && owners.length === 0;
    const official = verifiedOwner && !facts.userinfo;
    linkFindings.push({ url: shown, domain: facts.domain, official });
    // A real domain of another registry brand is not the brand's, but not an attacker's either.
    // A domain listed for the brand only by secondary sources is unconfirmed, not an attacker's.
    if (!official && !ownedByOther && owners.length === 0) unofficialLinks++;
    const p = { ...bp, domain: facts.ip ? facts.host : facts.domain };

    if (facts.userinfo) add('url_userinfo', { ...p, userinfo: facts.userinfo, domain: facts.host }, shown);
    if (facts.ip) {
      const numeric =
        facts.ip === 'decimal' || facts.ip === 'hex' || facts.ip === 'octal' || facts.ip === 'mixed';
      add(
        'ip_address_link',
        {
          ...p,
          formJa: numeric ? '、数字だけの特殊な書き方' : '',
          formEn: numeric ? ', written in an unusual numeric form' : '',
        },
        shown,
      );
    }
    if (facts.port !== null && facts.port !== 80 && facts.port !== 443)
      add('unusual_port', { port: String(facts.port) }, shown);

    if (owners.length > 0) {
      if (verifiedOwner) add('official_link', p, shown);
      else add('unverified_domain', p, shown);
    } else if (ownedByOther) {
      // Official for another brand (e.g. an app-store link in a carrier notice): neutral.
    } else {
      const claim = realClaim(cls.claims.find((c) => family.has(c.brandId)) ?? cls.claims[0]);
      if (claim) {
        const claimBrand = registry.byId.get(claim.brandId);
        const code = CLAIM_CODE[claim.kind];
        const [dja, den] = CLAIM_DETAIL[claim.kind];
        add(
          code,
          {
            ...brandParams(claimBrand),
            domain: facts.ip
              ? facts.host
              : facts.hostUnicode === facts.host
                ? facts.domain
                : `${facts.hostUnicode}（${facts.domain}）`,
            official: claim.imitates,
            detailJa: dja.replace('{o}', claim.imitates),
            detailEn: den.replace('{o}', claim.imitates),
          },
          shown,
        );
      }
      const shortener = hostIn(facts.host, URL_SHORTENERS);
      const redirector = REDIRECTORS.find(
        (r) =>
          (facts.host === r.host || facts.host.endsWith(`.${r.host}`)) &&
          (!r.path || r.path.test(facts.rest)),
      );
      if (cls.shortenerOf.length > 0)
        add(
          'brand_shortener',
          { ...brandParams(registry.byId.get(cls.shortenerOf[0] ?? '')), domain: facts.host },
          shown,
        );
      else if (shortener) add('url_shortener', { domain: facts.host }, shown);
      if (redirector) add('open_redirect', { domain: facts.host, label: redirector.label }, shown);
      if (!shortener && !redirector && (facts.sharedHosting || hostIn(facts.host, FREE_HOSTING))) {
        add('free_hosting', { domain: facts.host }, shown);
      }
      // A brand only in the path leaves the host itself unexplained: judge the host as well.
      const hostClaim = claim && claim.kind !== 'brand_in_path' ? claim : undefined;
      if (!hostClaim && !facts.ip && cls.parentOf.some((id) => family.has(id) || !claimed.brandId)) {
        add(
          'unverified_domain',
          { ...brandParams(registry.byId.get(cls.parentOf[0] ?? '')), domain: facts.domain },
          shown,
        );
      } else if (!hostClaim && claimed.claimed && brand) {
        add('unofficial_link', p, shown);
      } else if (!hostClaim && !facts.ip && cls.shortenerOf.length === 0) {
        add('unknown_link', p, shown);
      }
      if (!facts.ip && ABUSE_TLDS.has(tldOf(facts))) add('abuse_tld', { tld: tldOf(facts) }, shown);
      if (
        facts.host.includes('xn--') &&
        claim?.kind !== 'homoglyph_domain' &&
        /[^ -~]/.test(facts.hostUnicode)
      ) {
        if (!/^[ -~\u3040-\u30ff\u4e00-\u9fff]+$/.test(facts.hostUnicode))
          add('punycode_domain', { domain: facts.hostUnicode }, shown);
      }
    }
    if (found.shownText && !official) {
      const shownLinks = extractLinks(normalizeText(found.shownText).text);
      const target = facts.icannDomain ?? facts.domain;
      const mismatch = shownLinks.find((s) => {
        const f = urlFacts(s.url);
        return f.host && (f.icannDomain ?? f.domain) !== target;
      });
      if (mismatch)
        add(
          'link_text_mismatch',
          { shown: found.shownText.slice(0, 80), domain: facts.domain || facts.host },
          shown,
        );
    }
  }
  if (defanged) add('defanged_link', {}, '');

  // --- Phones ------------------------------------------------------------------------------
  const phoneFindings: PhoneFinding[] = [];
  let unofficialPhones = 0;
  for (const phone of phones) {
    const owners = findPhoneOwners(index, phone.digits);
    const relevant = owners.filter(
      (o) => !claimed.brandId || family.has(o.brand.id) || o.brand.kind === 'public',
    );
    const verified = relevant.find((o) => isVerified(o.fact.sourceType) || o.fact.sourceType === 'news');
    const official = Boolean(verified);
    phoneFindings.push({ number: phone.display, official });
    if (relevant.length > 0) {
      const o = verified ?? relevant[0];
      const unconfirmed = !verified;
      add(
        'official_phone',
        {
          ...brandParams(o?.brand),
          number: phone.display,
          caveatJa: unconfirmed ? '（ただし二次情報のみで公式には未確認）' : '',
          caveatEn: unconfirmed ? ' (only by secondary sources, not officially confirmed)' : '',
        },
        phone.raw,
      );
      continue;
    }
    if (owners.length > 0) continue; // another brand's real number: neutral
    unofficialPhones++;
    if (claimed.claimed && brand) add('unofficial_phone', { ...bp, number: phone.display }, phone.raw);
    else add('unknown_phone', { number: phone.display }, phone.raw);
    if (phone.kind === 'ip_phone') add('ip_phone_number', { number: phone.display }, phone.raw);
    if (phone.kind === 'mobile') add('mobile_callback', { number: phone.display }, phone.raw);
    if (phone.kind === 'international') add('international_phone', { number: phone.display }, phone.raw);
  }

  // --- Sender ------------------------------------------------------------------------------
  if (smsSender) {
    const key = senderKey(smsSender);
    if (spoofedSender.length > 0) {
      add('spoofed_sender_name', { ...brandParams(spoofedSender[0]?.brand), sender: smsSender }, smsSender);
    } else if (smsSenderMatches.some((m) => family.has(m.brand.id))) {
      const m = smsSenderMatches.find((x) => family.has(x.brand.id));
      const unconfirmed = m ? !isVerified(m.fact.sourceType) : true;
      add(
        'official_sender',
        {
          ...brandParams(m?.brand),
          sender: smsSender,
          caveatJa: unconfirmed ? '（二次情報のみ・未確認）' : '',
          caveatEn: unconfirmed ? ' (secondary sources only, unconfirmed)' : '',
        },
        smsSender,
      );
    } else if (NUMERIC_SENDER.test(smsSender)) {
      // Carriers, card issuers and Japanese services send from short codes or Japanese numbers;
      // smishing often arrives from abroad (+63, +86 …).
      const compact = smsSender.normalize('NFKC').replace(/[\s()-]/g, '');
      if (/^(\+|00)(?!81)\d{6,}$/.test(compact))
        add('sender_international', { sender: smsSender }, smsSender);
      else if (/^0[789]0\d{8}$/.test(key) && claimed.claimed && brand)
        add('sender_personal_number', { ...bp, sender: smsSender }, smsSender);
    }
  }
  if (fromAddress && fromFacts && fromClass) {
    const domain = fromAddress.split('@').pop() ?? '';
    const listed = [
      ...(index.emailDomains.get(domain) ?? []),
      ...(index.emailAddresses.get(fromAddress) ?? []),
    ];
    const familyOwned =
      fromClass.owners.some((o) => !claimed.brandId || family.has(o.brandId)) ||
      listed.some((o) => !claimed.brandId || family.has(o.brand.id)) ||
      fromClass.parentOf.some((id) => family.has(id));
    const claim = realClaim(fromClass.claims.find((c) => family.has(c.brandId)) ?? fromClass.claims[0]);
    if (claim) {
      const claimBrand = registry.byId.get(claim.brandId);
      const [dja, den] = CLAIM_DETAIL[claim.kind];
      add(
        CLAIM_CODE[claim.kind] === 'brand_in_path' ? 'sender_domain_mismatch' : CLAIM_CODE[claim.kind],
        {
          ...brandParams(claimBrand),
          domain: fromFacts.domain,
          official: claim.imitates,
          detailJa: dja.replace('{o}', claim.imitates) || '送信元アドレス',
          detailEn: den.replace('{o}', claim.imitates) || 'sender address',
        },
        fromAddress,
      );
    } else if (!familyOwned && claimed.claimed && brand && brand.domains.length > 0) {
      const nameClaims = fromName
        ? brandMentions(index, fromName, 1).some((e) => family.has(e.brandId))
        : false;
      if (nameClaims)
        add(
          'display_name_spoof',
          { name: fromName ?? '', address: fromAddress },
          `${fromName} <${fromAddress}>`,
        );
      else add('sender_domain_mismatch', { ...bp, domain: fromFacts.domain }, fromAddress);
    }
    const fromReg = fromFacts.icannDomain ?? fromFacts.domain;
    for (const other of [
      ...(input.email?.replyTo ?? []),
      ...(input.email?.returnPath ? [input.email.returnPath] : []),
    ]) {
      const addr = other.toLowerCase();
      const f = urlFacts(`http://${addr.split('@').pop() ?? ''}`);
      if (!f.host || (f.icannDomain ?? f.domain) === fromReg) continue;
      const c = classifyHost(index, f);
      if (c.owners.some((o) => family.has(o.brandId) || !claimed.brandId)) continue;
      add('reply_to_mismatch', { address: addr }, addr);
    }
  }
  for (const header of input.email?.authenticationResults ?? []) {
    const h = header.toLowerCase();
    if (/\bdmarc=fail\b/.test(h)) add('auth_dmarc_fail', {}, 'dmarc=fail');
    if (/\bspf=(fail|softfail)\b/.test(h)) add('auth_spf_fail', {}, /\bspf=\w+/.exec(h)?.[0] ?? 'spf=fail');
    if (/\bdkim=fail\b/.test(h)) add('auth_dkim_fail', {}, 'dkim=fail');
    if (/\bdmarc=pass\b/.test(h) && fromFacts) add('auth_pass', { domain: fromFacts.domain }, 'dmarc=pass');
  }
  for (const a of input.attachments ?? []) {
    const exts = a.filename.toLowerCase().split('.').slice(1);
    if (
      exts.some((e) => DANGEROUS_EXTENSIONS.has(e)) ||
      /html|javascript|x-msdownload|zip|iso/.test(a.mimeType)
    ) {
      add('dangerous_attachment', { filename: a.filename }, a.filename);
    }
  }

  // --- Wording -----------------------------------------------------------------------------
  const wording = analyseWording(`${subject}\n${text}`);
  for (const w of wording) {
    if (w.signal === 'call_request' && unofficialPhones === 0) continue;
    if (w.signal === 'link_call_to_action' && unofficialLinks === 0) continue;
    add(w.signal, { evidence: w.evidence }, w.evidence);
  }

  // --- Score and verdict -------------------------------------------------------------------
  const pointsByCode = new Map<ReasonCode, number>();
  for (const r of pending) pointsByCode.set(r.code, REASONS[r.code].points);
  let score = 0;
  for (const pts of pointsByCode.values()) score += pts;
  // Several different unofficial links or numbers weigh a little more than one.
  const extraLinks =
    pending.filter((r) => r.code === 'unofficial_link' || r.code === 'lookalike_domain').length - 1;
  if (extraLinks > 0) score += Math.min(10, extraLinks * 5);
  if (pointsByCode.has('auth_pass') && pending.every((r) => REASONS[r.code].severity !== 'high')) score -= 10;
  const actionable =
    unofficialLinks > 0 ||
    unofficialPhones > 0 ||
    ['credential_request', 'code_request', 'reply_request', 'gift_card_payment', 'dangerous_attachment'].some(
      (c) => pointsByCode.has(c as ReasonCode),
    );
  // Nothing to tap, call, send or open: words alone can worry but cannot harm, so they weigh less.
  if (!actionable) score = Math.min(Math.round(score * 0.6), NOTHING_TO_ACT_ON_CAP);
  const hasHigh = pending.some((r) => REASONS[r.code].severity === 'high');
  if (hasHigh) score = Math.max(score, SUSPICIOUS_AT + 5);
  score = Math.max(0, Math.min(100, Math.round(score)));
  const verdict: Verdict =
    score >= PHISHING_AT ? 'phishing' : score >= SUSPICIOUS_AT ? 'suspicious' : 'no_signs';

  // Contract: every verdict carries reasons, so a clean message says what was looked at.
  if (pending.length === 0) add('no_warning_signs', {}, '');

  const order = { high: 0, medium: 1, low: 2, info: 3 } as const;
  const reasons: Reason[] = pending
    .map((r) => ({
      code: r.code,
      severity: REASONS[r.code].severity,
      message: reasonText(r.code, r.params, lang),
      evidence: r.evidence,
    }))
    .sort((a, b) => order[a.severity] - order[b.severity]);

  const asksForSecrets = pointsByCode.has('credential_request') || pointsByCode.has('code_request');
  return {
    verdict,
    score,
    brand: claimed.brandId,
    reasons,
    links: linkFindings,
    phones: phoneFindings,
    advice: buildAdvice({ registry, brandId: claimed.brandId, verdict, lang, asksForSecrets }),
  };
}
