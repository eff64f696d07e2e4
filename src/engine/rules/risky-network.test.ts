import { describe, expect, it } from 'vitest';
import { contextFor, HOSTING_NET, login, passwordChange } from '../test-kit.ts';
import { riskyNetwork } from './risky-network.ts';

describe('risky_network', () => {
  it('scores hosting, VPN and Tor by kind', () => {
    expect(riskyNetwork.evaluate(contextFor(login(10, { network: HOSTING_NET })))).toEqual({
      points: 20,
      params: { kind: 'hosting' },
    });
    const vpn = { ip: '185.1.2.3', kind: 'vpn' as const };
    expect(riskyNetwork.evaluate(contextFor(passwordChange(10, 'reset', { network: vpn })))?.points).toBe(15);
    const tor = { ip: '185.220.101.4', kind: 'tor' as const };
    expect(riskyNetwork.evaluate(contextFor(login(10, { network: tor })))?.points).toBe(35);
  });

  it('ignores mobile and fixed lines, and failed logins', () => {
    expect(riskyNetwork.evaluate(contextFor(login(10)))).toBeNull();
    expect(
      riskyNetwork.evaluate(contextFor(login(10, { network: HOSTING_NET, result: 'failure' }))),
    ).toBeNull();
  });
});
