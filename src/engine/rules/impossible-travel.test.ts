import { describe, expect, it } from 'vitest';
import { contextFor, H, login } from '../test-kit.ts';
import { impossibleTravel } from './impossible-travel.ts';

const US = { ip: '72.234.1.9', country: 'US', asn: 7922, kind: 'fixed' as const };
const KR = { ip: '211.36.1.1', country: 'KR', asn: 4766, kind: 'mobile' as const };
const ZZ = { ip: '100.1.1.1', country: 'ZZ' };

describe('impossible_travel', () => {
  // The ordinary month ends with a login in Japan at 21:00 the day before, 3 hours before minute 0.
  it('scores Japan → United States in two hours', () => {
    const hit = impossibleTravel.evaluate(contextFor(login(10, { network: US }), [login(-2 * H + 10)]));
    expect(hit?.points).toBe(40);
    expect(hit?.params).toMatchObject({ from: 'JP', to: 'US' });
  });

  it('accepts a real flight: Japan → United States 16 hours later', () => {
    expect(impossibleTravel.evaluate(contextFor(login(13 * H, { network: US })))).toBeNull();
  });

  it('accepts a short hop to Korea three hours later', () => {
    expect(impossibleTravel.evaluate(contextFor(login(3 * H, { network: KR }), [login(0)]))).toBeNull();
  });

  it('skips countries it has no centroid for', () => {
    expect(impossibleTravel.evaluate(contextFor(login(10, { network: ZZ }), [login(0)]))).toBeNull();
  });
});
