/**
 * Wire types of the message checker (../shared/contracts/checker.md, "Result object").
 * Every field of CheckResult is always present; arrays may be empty.
 */

export type Verdict = 'phishing' | 'suspicious' | 'no_signs';
export type Severity = 'high' | 'medium' | 'low' | 'info';
export type Lang = 'ja' | 'en';
export type Channel = 'sms' | 'email';

export interface Reason {
  /** Stable snake_case identifier. */
  code: string;
  severity: Severity;
  /** Japanese by default, English with lang 'en'. */
  message: string;
  /** The piece of the message that triggered the reason (a URL, a number, a phrase). */
  evidence: string;
}

export interface LinkFinding {
  url: string;
  /** Registrable domain (or the IP literal / host when there is none). */
  domain: string;
  /** True when the domain belongs to the claimed brand (or any registry brand when none is claimed). */
  official: boolean;
}

export interface PhoneFinding {
  /** E.164-like display form, e.g. +81-120-524-360; short codes such as 151 or #9110 as written. */
  number: string;
  official: boolean;
}

export interface Advice {
  message: string;
  official_url: string | null;
}

export interface CheckResult {
  verdict: Verdict;
  /** 0–100, higher is more dangerous. */
  score: number;
  /** Registry id of the brand the message claims, or null. */
  brand: string | null;
  reasons: Reason[];
  links: LinkFinding[];
  phones: PhoneFinding[];
  advice: Advice[];
}

/** A parsed attachment of an e-mail (only what the checker needs). */
export interface AttachmentInfo {
  filename: string;
  mimeType: string;
  size: number;
}

/** Extra header facts of a raw e-mail, filled by parseEmail(). */
export interface EmailHeaders {
  /** From address, e.g. info@docomo.ne.jp */
  fromAddress?: string;
  /** From display name, e.g. NTTドコモ */
  fromName?: string;
  replyTo?: string[];
  returnPath?: string;
  /** Raw Authentication-Results header values. */
  authenticationResults?: string[];
}

/** What the checker reads. Only `text` is required. */
export interface CheckInput {
  text: string;
  channel?: Channel;
  /** SMS sender id or number, or the e-mail From (address or `"Name" <addr>`). */
  sender?: string;
  subject?: string;
  /** HTML body of an e-mail, when there is one (links are read from its hrefs). */
  html?: string;
  email?: EmailHeaders;
  attachments?: AttachmentInfo[];
}

export interface CheckOptions {
  lang?: Lang;
}
