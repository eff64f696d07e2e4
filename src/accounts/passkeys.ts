/**
 * Passkeys (WebAuthn Level 3) through @simplewebauthn/server 14. Challenges are kept in storage
 * and found again by the challenge the browser echoes in clientDataJSON (WebAuthn §7.1 step 8 /
 * §7.2 step 12: "Verify that the value of C.challenge equals … options.challenge"), so no extra
 * cookie or ceremony id is needed; each stored challenge is used once.
 */
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Passkey } from '../db/index.ts';

export interface RelyingParty {
  rpID: string;
  rpName: string;
  origin: string | string[];
}

/** The WebAuthn user handle: our random user id's bytes (no personal data, WebAuthn §14.6.1). */
export function userHandle(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId, 'utf8'));
}

/** The challenge inside a base64url clientDataJSON, or undefined when it cannot be read. */
export function challengeOf(clientDataJSON: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    return typeof parsed.challenge === 'string' && parsed.challenge.length <= 512
      ? parsed.challenge
      : undefined;
  } catch {
    return undefined;
  }
}

/** Options for navigator.credentials.create(); existing passkeys are excluded (no duplicates). */
export function passkeyRegistrationOptions(
  rp: RelyingParty,
  user: { id: string; email: string },
  existing: readonly Passkey[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userID: userHandle(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

export interface VerifiedRegistration {
  id: string;
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
}

/** Verifies an attestation (format `none` accepted); undefined when it does not verify. */
export async function verifyPasskeyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  expectedChallenge: string,
): Promise<VerifiedRegistration | undefined> {
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
    if (!result.verified) return undefined;
    const info = result.registrationInfo;
    return {
      id: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: info.credential.transports ?? response.response.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
    };
  } catch {
    return undefined;
  }
}

/**
 * Options for navigator.credentials.get(), user verification required. Sign-in offers any
 * discoverable credential; a step-up (unlock) names the passkeys that may answer in
 * `allowCredentials` (WebAuthn §5.5), so the browser offers no other.
 */
export function passkeyAuthenticationOptions(
  rp: RelyingParty,
  allow?: readonly Passkey[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.rpID,
    userVerification: 'required',
    ...(allow ? { allowCredentials: allow.map((p) => ({ id: p.id, transports: p.transports })) } : {}),
  });
}

/** Verifies an assertion with the stored credential; the new signature counter, or undefined. */
export async function verifyPasskeyAuthentication(
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  passkey: Passkey,
): Promise<{ newCounter: number } | undefined> {
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
    return result.verified ? { newCounter: result.authenticationInfo.newCounter } : undefined;
  } catch {
    return undefined;
  }
}
