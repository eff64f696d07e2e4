/**
 * The ordered rule registry. Order is the order reasons are listed in a decision: the account's
 * state first (locked, reported), then who is acting (device, network, place), then what they do.
 */
import type { Rule } from '../rule.ts';
import { accountLocked } from './account-locked.ts';
import { cardTesting } from './card-testing.ts';
import { crossAccountNetwork } from './cross-account-network.ts';
import { foreignLogin } from './foreign-login.ts';
import { highRiskCategoryNewDevice } from './high-risk-category-new-device.ts';
import { impossibleTravel } from './impossible-travel.ts';
import { largeAmount } from './large-amount.ts';
import { loginFailuresThenCharge } from './login-failures-then-charge.ts';
import { lowAndSlow } from './low-and-slow.ts';
import { newDevice } from './new-device.ts';
import { newNetwork } from './new-network.ts';
import { nightCashOut } from './night-cash-out.ts';
import { onlineEsimReissue } from './online-esim-reissue.ts';
import { riskyNetwork } from './risky-network.ts';
import { securityChangeThenCard } from './security-change-then-card.ts';
import { simReissueThenOtpLogin } from './sim-reissue-then-otp-login.ts';
import { subscriberReport } from './subscriber-report.ts';
import { velocity } from './velocity.ts';

export const RULES: readonly Rule[] = Object.freeze([
  accountLocked,
  subscriberReport,
  newDevice,
  newNetwork,
  foreignLogin,
  riskyNetwork,
  impossibleTravel,
  crossAccountNetwork,
  onlineEsimReissue,
  simReissueThenOtpLogin,
  securityChangeThenCard,
  loginFailuresThenCharge,
  cardTesting,
  velocity,
  largeAmount,
  highRiskCategoryNewDevice,
  lowAndSlow,
  nightCashOut,
]);

export {
  accountLocked,
  cardTesting,
  crossAccountNetwork,
  foreignLogin,
  highRiskCategoryNewDevice,
  impossibleTravel,
  largeAmount,
  loginFailuresThenCharge,
  lowAndSlow,
  newDevice,
  newNetwork,
  nightCashOut,
  onlineEsimReissue,
  riskyNetwork,
  securityChangeThenCard,
  simReissueThenOtpLogin,
  subscriberReport,
  velocity,
};
