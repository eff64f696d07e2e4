import { describe, expect, it } from 'vitest';
import { contextFor, login } from '../test-kit.ts';
import { crossAccountNetwork } from './cross-account-network.ts';

const PROXY = { ip: '203.0.113.77', country: 'JP', asn: 64500, kind: 'fixed' as const };
const TOOL = { id: 'dev-stuffing-tool-1' };

function stuffing(
  n: number,
  network: { ip: string; country: string; asn: number; kind: 'fixed' | 'mobile' } = PROXY,
) {
  return Array.from({ length: n }, (_, i) =>
    login(i, {
      account: `acc_victim_${i}`,
      device: { id: `dev-rot-${i}` },
      network,
      method: 'password',
      result: 'failure',
    }),
  );
}

describe('cross_account_network', () => {
  it('scores a login from an address that failed on many accounts in the last hour', () => {
    const hit = crossAccountNetwork.evaluate(
      contextFor(login(10, { device: { id: 'dev-rot-x' }, network: PROXY, method: 'password' }), stuffing(5)),
    );
    expect(hit).toEqual({ points: 40, messageKey: 'cross_account_network.ip', params: { accounts: 5 } });
  });

  it('needs many more accounts behind a mobile carrier’s shared address', () => {
    const cgnat = { ip: '1.66.1.1', country: 'JP', asn: 9605, kind: 'mobile' as const };
    expect(
      crossAccountNetwork.evaluate(
        contextFor(login(10, { network: cgnat, result: 'failure' }), stuffing(6, cgnat)),
      ),
    ).toBeNull();
  });

  it('scores one device logging in to several accounts', () => {
    const before = [1, 2].map((i) => login(i, { account: `acc_other_${i}`, device: TOOL, network: PROXY }));
    expect(
      crossAccountNetwork.evaluate(contextFor(login(5, { device: TOOL, network: PROXY }), before)),
    ).toMatchObject({
      messageKey: 'cross_account_network.device',
      params: { accounts: 3 },
    });
  });

  it('forgets after the window', () => {
    expect(crossAccountNetwork.evaluate(contextFor(login(200, { network: PROXY }), stuffing(6)))).toBeNull();
  });
});
