/**
 * Passkey ceremonies in the browser with @simplewebauthn/browser: the server's options in,
 * navigator.credentials out, the response to the server's verify route (src/server/routes/
 * accounts.ts for registration and sign-in, subscriber.ts for the unlock step-up). Imported only
 * by lazily loaded pages, so the library stays out of the initial JavaScript.
 */
import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';
import { api, type PasskeyView, type SignInResult } from './api.ts';

export { browserSupportsWebAuthn };

/** Why the browser side of a ceremony did not finish (the server's refusals are ApiErrors). */
export type PasskeyProblem = 'unsupported' | 'cancelled' | 'alreadyRegistered' | 'failed';

/** A failure of the browser side of a ceremony; ErrorText shows `i18nKey` in the person's language. */
export class PasskeyError extends Error {
  readonly i18nKey: `passkey.problem.${PasskeyProblem}`;
  constructor(
    readonly problem: PasskeyProblem,
    options?: { cause?: unknown },
  ) {
    super(problem, options);
    this.name = 'PasskeyError';
    this.i18nKey = `passkey.problem.${problem}`;
  }
}

function browserProblem(error: unknown): PasskeyError {
  const cause = error instanceof WebAuthnError ? error.cause : error;
  const name = (cause as { name?: unknown } | undefined)?.name;
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return new PasskeyError('alreadyRegistered', { cause: error });
  }
  // WebAuthn §5.1.3/§5.1.4: NotAllowedError covers both "the person cancelled" and "timed out";
  // browsers do not tell them apart, so neither do we. AbortError: our own or the browser's abort.
  if (
    name === 'NotAllowedError' ||
    name === 'AbortError' ||
    (error instanceof WebAuthnError && error.code === 'ERROR_CEREMONY_ABORTED')
  ) {
    return new PasskeyError('cancelled', { cause: error });
  }
  return new PasskeyError('failed', { cause: error });
}

function requireSupport() {
  if (!browserSupportsWebAuthn()) throw new PasskeyError('unsupported');
}

/** Creates a passkey on this device for the signed-in user and saves it under `name`. */
export async function registerPasskey(name: string | undefined): Promise<PasskeyView> {
  requireSupport();
  const optionsJSON = await api<PublicKeyCredentialCreationOptionsJSON>(
    '/api/account/passkeys/register/options',
    { method: 'POST' },
  );
  const response = await startRegistration({ optionsJSON }).catch((e: unknown) => {
    throw browserProblem(e);
  });
  const result = await api<{ passkey: PasskeyView }>('/api/account/passkeys/register/verify', {
    json: name === undefined ? { response } : { response, name },
  });
  return result.passkey;
}

/** Signs in with any passkey of this site the device holds (discoverable credential). */
export async function signInWithPasskey(): Promise<SignInResult> {
  requireSupport();
  const optionsJSON = await api<PublicKeyCredentialRequestOptionsJSON>('/api/auth/passkey/options', {
    method: 'POST',
  });
  const response = await startAuthentication({ optionsJSON }).catch((e: unknown) => {
    throw browserProblem(e);
  });
  return api<SignInResult>('/api/auth/passkey/verify', { json: { response } });
}

/** The unlock step-up: a challenge for this user's own passkeys from before the lock, answered. */
export async function unlockWithPasskey(): Promise<{ message: string }> {
  requireSupport();
  const optionsJSON = await api<PublicKeyCredentialRequestOptionsJSON>(
    '/api/account/unlock/passkey/options',
    { method: 'POST' },
  );
  const response = await startAuthentication({ optionsJSON }).catch((e: unknown) => {
    throw browserProblem(e);
  });
  return api<{ message: string }>('/api/account/unlock', { json: { response } });
}
