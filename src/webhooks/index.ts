/** Outgoing webhooks to operators: signing and the outbox dispatcher. */
export {
  backoffMs,
  type DispatchOptions,
  type DispatchResult,
  dispatchDue,
  startWebhookDispatcher,
} from './dispatcher.ts';
export { SIGNATURE_HEADER, signPayload, verifySignature } from './sign.ts';
