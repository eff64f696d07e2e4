/** Normalised registry types. Every fact keeps its source and how trustworthy that source is. */

/** As in ../shared/reference: `operator` marks facts from an operator's override file. */
export type SourceType = 'official' | 'partner_official' | 'news' | 'secondary' | 'operator';

export interface Fact<T = string> {
  value: T;
  source: string;
  sourceType: SourceType;
}

export type BrandKind = 'carrier' | 'card_issuer' | 'payment' | 'ecommerce' | 'delivery' | 'bank' | 'public';

export interface PhoneFact extends Fact {
  /** Digits only (with a leading + for international), for matching; e.g. 0120524360, 151, #9110. */
  digits: string;
  purpose: string;
  hours?: string;
  note?: string;
}

export interface TextFact {
  ja: string;
  en: string;
  source: string;
  sourceType: SourceType;
}

import type { CarrierBilling } from './carrier-billing.ts';

export interface Brand {
  id: string;
  nameJa: string;
  nameEn: string;
  kind: BrandKind;
  parent: string | null;
  /** Brands in one group share official domains and numbers (docomo/ahamo, au/povo/UQ …). */
  group: string;
  aliases: string[];
  domainKeywords: string[];
  /** Registrable domains or hosts; a host matches itself and its subdomains. */
  domains: Fact[];
  shorteners: Fact[];
  smsSenders: Fact[];
  spoofedSenderNames: Fact[];
  emailSenderDomains: Fact[];
  emailSenderAddresses: Fact[];
  phones: PhoneFact[];
  apps: string[];
  portal: string | null;
  homepage: string | null;
  messageBox: string | null;
  stopProcedures: TextFact[];
  compensation: TextFact[];
  phishingNotes: TextFact[];
  report: { email?: string; webForm?: string; source: string; sourceType: SourceType } | null;
  /** Carriers only: the carrier-billing service, how to check usage, stop or limit it. */
  carrierBilling: CarrierBilling | null;
}

export interface Registry {
  brands: readonly Brand[];
  byId: ReadonlyMap<string, Brand>;
}

/** A fact counts as verified only when read on an official (or partner-official, or operator) source. */
export function isVerified(sourceType: SourceType): boolean {
  return sourceType === 'official' || sourceType === 'partner_official' || sourceType === 'operator';
}
