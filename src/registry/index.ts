export { phoneDigits } from './build-registry.ts';
export { type CarrierBilling, carrierBillingSchema, type SourcedText } from './carrier-billing.ts';
export { defaultRegistry, registryWithOverrides } from './default-registry.ts';
export type { LoadRegistryOptions } from './load-registry.ts';
export { loadRegistry, parseOverrides } from './load-registry.ts';
export { overrideFileSchema, referenceFileSchema } from './reference-schema.ts';
export type { AliasHit, DomainOwner, OfficialLabel, RegistryIndex } from './registry-index.ts';
export {
  findAliases,
  findDomainOwners,
  findPhoneOwners,
  findShortenerOwners,
  foldForMatch,
  registryIndex,
  senderKey,
} from './registry-index.ts';
export type { Brand, Fact, PhoneFact, Registry, SourceType, TextFact } from './types.ts';
export { isVerified } from './types.ts';
