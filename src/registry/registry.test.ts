import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import { defaultRegistry, findDomainOwners, isVerified, loadRegistry, registryIndex } from './index.ts';

describe('built-in registry', () => {
  const registry = defaultRegistry();

  it('keeps the source and source type of every fact', () => {
    for (const brand of registry.brands) {
      for (const fact of [...brand.domains, ...brand.phones, ...brand.smsSenders]) {
        expect(fact.source, `${brand.id} ${fact.value}`).toMatch(/^https?:\/\//);
        expect(['official', 'partner_official', 'news', 'secondary']).toContain(fact.sourceType);
      }
    }
  });

  it('never presents a secondary fact as verified', () => {
    const japanPost = registry.byId.get('japan_post');
    expect(japanPost?.domains.every((d) => d.sourceType === 'secondary')).toBe(true);
    expect(isVerified('secondary')).toBe(false);
    const rakutenStop = registry.byId.get('rakuten_card')?.phones.find((p) => p.purpose === 'card_stop_24h');
    expect(rakutenStop?.sourceType).toBe('secondary');
  });

  it('finds the owner of official hosts and their subdomains, not of lookalikes', () => {
    const index = registryIndex(registry);
    expect(findDomainOwners(index, 'service.smt.docomo.ne.jp').map((o) => o.brand.id)).toEqual(['docomo']);
    expect(findDomainOwners(index, 'docomo.ne.jp.evil.example')).toEqual([]);
    expect(findDomainOwners(index, 'xdocomo.ne.jp')).toEqual([]);
  });
});

describe('operator override file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-registry-'));
  const write = (name: string, data: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
    return file;
  };

  it('adds a brand and extends an existing one', async () => {
    const file = write('ok.json', {
      organizations: [
        {
          id: 'docomo',
          phones: [
            {
              purpose: 'fraud_desk',
              number: '0120-000-111',
              source: 'https://operator.example/verified',
              source_type: 'operator',
            },
          ],
        },
        {
          id: 'example_pay',
          name_ja: '例ペイ',
          name_en: 'Example Pay',
          kind: 'payment',
          official_domains: ['example-pay.example'],
          aliases: ['例ペイ'],
        },
      ],
    });
    const registry = await loadRegistry({ overrideFile: file });
    expect(registry.byId.get('docomo')?.phones.some((p) => p.digits === '0120000111')).toBe(true);
    expect(registry.byId.get('docomo')?.domains.length).toBe(
      defaultRegistry().byId.get('docomo')?.domains.length,
    );
    expect(registry.byId.get('example_pay')?.aliases).toContain('例ペイ');
  });

  it('names the entry and the field of a bad value', async () => {
    const file = write('bad.json', {
      organizations: [
        { id: 'docomo' },
        {
          id: 'au',
          phones: [{ purpose: 'general', number: 'call us', source: 'x', source_type: 'official' }],
        },
      ],
    });
    const error = await loadRegistry({ overrideFile: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('organizations[1] (id "au").phones[0].number');
  });

  it('reports unreadable and non-JSON files clearly', async () => {
    await expect(loadRegistry({ overrideFile: join(dir, 'missing.json') })).rejects.toMatchObject({
      code: 'registry_file_unreadable',
    });
    await expect(loadRegistry({ overrideFile: write('broken.json', '{ nope') })).rejects.toMatchObject({
      code: 'invalid_registry_override',
    });
  });
});
