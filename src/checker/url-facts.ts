/**
 * Facts about one URL: host in ASCII and Unicode, registrable domain through the Public Suffix
 * List (tldts), IP literals in any notation, user-info tricks, ports.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';

export type IpForm = 'dotted' | 'decimal' | 'hex' | 'octal' | 'mixed' | 'ipv6';

export interface UrlFacts {
  url: string;
  scheme: string;
  /** ASCII (punycode) host, lower case, no trailing dot. Empty for javascript:/data: links. */
  host: string;
  hostUnicode: string;
  /** Registrable domain, counting the PSL private section (foo.web.app), or the host for IPs. */
  domain: string;
  /** Registrable domain by ICANN suffixes only (web.app for foo.web.app). */
  icannDomain: string | null;
  publicSuffix: string;
  /** The registrable domain's label without its suffix: docomo-security for docomo-security.top. */
  label: string;
  subdomain: string;
  /** The host sits under a PSL private-section suffix (shared hosting such as web.app, github.io). */
  sharedHosting: boolean;
  ip: IpForm | null;
  /** Text before '@' in the authority (https://docomo.ne.jp@evil.example). */
  userinfo: string | null;
  port: number | null;
  /** Path, query and fragment. */
  rest: string;
  valid: boolean;
}

function ipForm(rawHost: string): IpForm | null {
  if (rawHost.startsWith('[')) return 'ipv6';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(rawHost)) return 'dotted';
  if (/^\d{6,10}$/.test(rawHost)) return 'decimal';
  if (/^0x[0-9a-f]{1,8}$/i.test(rawHost)) return 'hex';
  const parts = rawHost.split('.');
  if (parts.length >= 2 && parts.length <= 4 && parts.every((p) => /^(0x[0-9a-f]+|0[0-7]*|\d+)$/i.test(p))) {
    if (parts.some((p) => /^0x/i.test(p))) return 'mixed';
    if (parts.some((p) => /^0\d/.test(p))) return 'octal';
    return 'dotted';
  }
  return null;
}

export function urlFacts(url: string): UrlFacts {
  const schemeMatch = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  const scheme = (schemeMatch?.[1] ?? 'http').toLowerCase();
  const empty: UrlFacts = {
    url,
    scheme,
    host: '',
    hostUnicode: '',
    domain: '',
    icannDomain: null,
    publicSuffix: '',
    label: '',
    subdomain: '',
    sharedHosting: false,
    ip: null,
    userinfo: null,
    port: null,
    rest: '',
    valid: false,
  };
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'ftp') return empty;

  // Read the authority by hand: WHATWG URL rewrites 3232235777 to 192.168.1.1 and drops the
  // notation we want to report.
  const afterScheme = url.slice(url.indexOf(':') + 1).replace(/^\/+/, '');
  const authEnd = afterScheme.search(/[/?#]/);
  const authority = authEnd < 0 ? afterScheme : afterScheme.slice(0, authEnd);
  const rest = authEnd < 0 ? '' : afterScheme.slice(authEnd);
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : null;
  let hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  let port: number | null = null;
  const portMatch = /^(.*?):(\d{1,5})$/.exec(hostPort);
  if (portMatch && !hostPort.startsWith('[')) {
    hostPort = portMatch[1] ?? '';
    port = Number(portMatch[2]);
  } else if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    const p = hostPort.slice(close + 1).replace(/^:/, '');
    if (/^\d+$/.test(p)) port = Number(p);
    hostPort = hostPort.slice(0, close + 1);
  }
  const rawHost = hostPort.toLowerCase().replace(/\.$/, '');
  if (!rawHost) return { ...empty, userinfo, port, rest };

  const ip = ipForm(rawHost);
  if (ip) {
    return {
      ...empty,
      host: rawHost,
      hostUnicode: rawHost,
      domain: rawHost,
      userinfo,
      port,
      rest,
      ip,
      valid: true,
    };
  }

  const ascii = domainToASCII(rawHost);
  if (!ascii) return { ...empty, host: rawHost, hostUnicode: rawHost, domain: rawHost, userinfo, port, rest };
  const hostUnicode = domainToUnicode(ascii) || rawHost;
  const withPrivate = parse(ascii, { allowPrivateDomains: true });
  const icann = parse(ascii);
  const domain = withPrivate.domain ?? ascii;
  return {
    url,
    scheme,
    host: ascii,
    hostUnicode,
    domain,
    icannDomain: icann.domain,
    publicSuffix: withPrivate.publicSuffix ?? '',
    label: withPrivate.domainWithoutSuffix ?? '',
    subdomain: withPrivate.subdomain ?? '',
    sharedHosting: withPrivate.isPrivate === true,
    ip: null,
    userinfo,
    port,
    rest,
    valid: Boolean(withPrivate.domain),
  };
}
