import { describe, expect, it } from 'vitest';
import { charge, contextFor, login, report } from '../test-kit.ts';
import { accountLocked } from './account-locked.ts';

describe('account_locked', () => {
  it('scores every event after a lost-phone report, even ordinary ones', () => {
    const before = [report(0, 'lost_phone', { device: null })];
    expect(accountLocked.evaluate(contextFor(login(60), before))).toEqual({ points: 100 });
    expect(accountLocked.evaluate(contextFor(charge(90, 120, 'm_appstore', 'app_store'), before))).toEqual({
      points: 100,
    });
  });

  it('does nothing on an unlocked account', () => {
    expect(accountLocked.evaluate(contextFor(login(60)))).toBeNull();
  });
});
