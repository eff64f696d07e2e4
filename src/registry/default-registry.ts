/** The registry built into the package: reference facts + the project's brand profiles. */

import { buildRegistry } from './build-registry.ts';
import brandProfiles from './data/brands.json' with { type: 'json' };
import reference from './data/official-contacts.json' with { type: 'json' };
import type { OverrideOrganization } from './reference-schema.ts';
import { brandProfilesFileSchema, referenceFileSchema } from './reference-schema.ts';
import type { Registry } from './types.ts';

let cached: Registry | undefined;

const organizations = () => referenceFileSchema.parse(reference).organizations;
const profiles = () => brandProfilesFileSchema.parse(brandProfiles).brands;

/** The built-in registry (parsed and validated once). */
export function defaultRegistry(): Registry {
  cached ??= buildRegistry({ organizations: organizations(), profiles: profiles() });
  return cached;
}

/** The built-in registry with an operator's (already validated) overrides applied. */
export function registryWithOverrides(overrides: OverrideOrganization[]): Registry {
  return buildRegistry({ organizations: organizations(), profiles: profiles(), overrides });
}
