import { describe, expect, it } from 'vitest';
import { contextFor, report } from '../test-kit.ts';
import { subscriberReport } from './subscriber-report.ts';

describe('subscriber_report', () => {
  it('scores not_me and lost_phone at lock level', () => {
    expect(subscriberReport.evaluate(contextFor(report(0, 'not_me')))).toEqual({
      points: 100,
      messageKey: 'subscriber_report.not_me',
    });
    expect(subscriberReport.evaluate(contextFor(report(0, 'lost_phone', { device: null })))?.points).toBe(
      100,
    );
  });

  it('does not lock for a phishing message the subscriber received', () => {
    expect(subscriberReport.evaluate(contextFor(report(0, 'phishing_message')))).toBeNull();
  });
});
