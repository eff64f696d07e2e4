import { describe, expect, it } from 'vitest';
import { charge, contextFor, login } from '../test-kit.ts';
import { foreignLogin } from './foreign-login.ts';

const HAWAII = { ip: '72.234.1.9', country: 'US', asn: 36149, kind: 'fixed' as const };

describe('foreign_login', () => {
  it('scores a login from a country the account has not used', () => {
    expect(foreignLogin.evaluate(contextFor(login(10, { network: HAWAII })))).toEqual({
      points: 15,
      params: { country: 'US' },
    });
  });

  it('scores it once: the country is known after that', () => {
    const ctx = contextFor(charge(60, 3000, 'm_shop', 'ecommerce', { network: HAWAII }), [
      login(10, { network: HAWAII }),
    ]);
    expect(foreignLogin.evaluate(ctx)).toBeNull();
  });

  it('ignores home-country and country-less traffic', () => {
    expect(foreignLogin.evaluate(contextFor(login(10)))).toBeNull();
    expect(foreignLogin.evaluate(contextFor(login(10, { network: { ip: '8.8.8.8' } })))).toBeNull();
  });
});
