import { describe, expect, it } from 'vitest';
import defaultPolicyJson from './default-policy.json' with { type: 'json' };
import { DEFAULT_POLICY, parsePolicy } from './policy.ts';
import { RULES } from './rules/index.ts';

describe('parsePolicy', () => {
  it('accepts the shipped default and freezes it', () => {
    const r = parsePolicy(defaultPolicyJson);
    expect(r.errors).toBeUndefined();
    expect(Object.isFrozen(r.policy)).toBe(true);
    expect(Object.isFrozen(r.policy?.rules.velocity)).toBe(true);
    expect(r.policy).toEqual(DEFAULT_POLICY);
  });

  it('has a weight section for every registered rule, and a rule for every section', () => {
    expect(Object.keys(DEFAULT_POLICY.rules).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('merges a partial file over the default', () => {
    const r = parsePolicy('{"bands": {"hold": 65}, "rules": {"new_device": {"points": 30}}}');
    expect(r.policy?.bands).toEqual({ challenge: 30, hold: 65, lock: 85 });
    expect(r.policy?.rules.new_device).toEqual({ points: 30, recentPoints: 15, unprovenPoints: 10 });
  });

  it('reports every problem as path: message', () => {
    const r = parsePolicy({
      bands: { hold: 'high' },
      rules: { velocity: { hourCount: -1 }, new_devise: {} },
      homeCountry: 'jp',
    });
    expect(r.errors).toBeDefined();
    const errors = r.errors ?? [];
    expect(errors.some((e) => e.startsWith('bands.hold: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('rules.velocity.hourCount: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('rules: ') && e.includes('new_devise'))).toBe(true);
    expect(errors.some((e) => e.startsWith('homeCountry: '))).toBe(true);
  });

  it('checks cross-field rules: bands must rise, a report must reach the lock band', () => {
    expect(parsePolicy({ bands: { challenge: 50, hold: 40 } }).errors).toContain(
      'bands.hold: must be above bands.challenge',
    );
    expect(parsePolicy({ rules: { subscriber_report: { points: 50 } } }).errors?.[0]).toMatch(
      /^rules\.subscriber_report\.points: /,
    );
  });

  it('names an unknown rule in holdOnlyRules', () => {
    expect(parsePolicy({ holdOnlyRules: ['new_device', 'new_phone'] }).errors).toEqual([
      expect.stringMatching(/^holdOnlyRules\.1: unexpected "new_phone", expected one of new_device, /),
    ]);
  });

  it('rejects what is not a JSON object', () => {
    expect(parsePolicy('{nope').errors?.[0]).toMatch(/^\(root\): not valid JSON/);
    expect(parsePolicy([1, 2]).errors).toEqual(['(root): must be a JSON object']);
  });
});
