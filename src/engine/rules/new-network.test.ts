import { describe, expect, it } from 'vitest';
import { contextFor, HOME, login, MOBILE } from '../test-kit.ts';
import { newNetwork } from './new-network.ts';

const CAFE = { ip: '210.248.3.7', country: 'JP', asn: 17506, kind: 'fixed' as const };

describe('new_network', () => {
  it('scores a login from a network (ASN) the account has not used', () => {
    expect(newNetwork.evaluate(contextFor(login(10, { network: CAFE })))).toEqual({ points: 10 });
  });

  it('treats a new address inside a known mobile ASN as the same network', () => {
    expect(
      newNetwork.evaluate(contextFor(login(10, { network: { ...MOBILE, ip: '1.79.200.9' } }))),
    ).toBeNull();
    expect(newNetwork.evaluate(contextFor(login(10, { network: HOME })))).toBeNull();
  });

  it('falls back to the IPv4 /16 when there is no ASN', () => {
    const noAsn = { ip: '1.66.99.1', country: 'JP' };
    const before = [login(0, { network: noAsn })];
    expect(newNetwork.evaluate(contextFor(login(10, { network: { ip: '1.66.4.4' } }), before))).toBeNull();
    expect(newNetwork.evaluate(contextFor(login(10, { network: { ip: '1.67.4.4' } }), before))).toEqual({
      points: 10,
    });
  });

  it('does not score failed logins', () => {
    expect(newNetwork.evaluate(contextFor(login(10, { network: CAFE, result: 'failure' })))).toBeNull();
  });
});
