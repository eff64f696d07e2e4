/**
 * The I/O edge of the registry: reads an operator's override file (flag `--registry FILE` or env
 * `MAMORI_REGISTRY`) and applies it. A bad file fails with one ConfigError whose lines name the
 * entry and the field (`organizations[2] (id "docomo").phones[0].number: …`).
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.ts';
import { defaultRegistry, registryWithOverrides } from './default-registry.ts';
import { overrideFileSchema } from './reference-schema.ts';
import type { Registry } from './types.ts';

export interface LoadRegistryOptions {
  /** Path of an operator override file (JSON). */
  overrideFile?: string | undefined;
}

export function parseOverrides(
  json: unknown,
  fileLabel = 'override file',
): ReturnType<typeof overrideFileSchema.parse> {
  const parsed = overrideFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const orgs = (json as { organizations?: Array<{ id?: unknown }> } | null)?.organizations;
  const lines = parsed.error.issues.map((issue) => {
    const [first, index, ...rest] = issue.path;
    let where = issue.path.join('.');
    if (first === 'organizations' && typeof index === 'number') {
      const id = Array.isArray(orgs) ? orgs[index]?.id : undefined;
      const tail = rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      where = `organizations[${index}]${typeof id === 'string' ? ` (id "${id}")` : ''}${tail}`;
    }
    return `${where || '(top level)'}: ${issue.message}`;
  });
  throw new ConfigError('invalid_registry_override', `${fileLabel} is not valid:\n${lines.join('\n')}`);
}

export async function loadRegistry(options: LoadRegistryOptions = {}): Promise<Registry> {
  if (!options.overrideFile) return defaultRegistry();
  let text: string;
  try {
    text = await readFile(options.overrideFile, 'utf8');
  } catch (cause) {
    throw new ConfigError('registry_file_unreadable', `cannot read registry file ${options.overrideFile}`, {
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(
      'invalid_registry_override',
      `registry file ${options.overrideFile} is not JSON: ${(cause as Error).message}`,
    );
  }
  return registryWithOverrides(parseOverrides(json, `registry file ${options.overrideFile}`).organizations);
}
