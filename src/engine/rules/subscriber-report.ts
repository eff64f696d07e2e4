/**
 * subscriber_report: the subscriber says "this was not me" or that the phone is lost or stolen.
 * That locks the account (issue 4: a report stops everything after it); a report of a phishing
 * message received is information, not a lock.
 */
import type { Rule } from '../rule.ts';

export const subscriberReport: Rule = {
  id: 'subscriber_report',
  evaluate({ event, policy }) {
    if (event.type !== 'subscriber_report' || event.kind === 'phishing_message') return null;
    return { points: policy.rules.subscriber_report.points, messageKey: `subscriber_report.${event.kind}` };
  },
};
