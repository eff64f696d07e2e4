import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, loadConfig } from './config.ts';
import { ConfigError } from './errors.ts';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 8080,
      logLevel: 'info',
      databaseUrl: undefined,
      dbFile: './data/mamori.db',
      registryFile: undefined,
      bodyLimit: 1024 * 1024,
      eventsBodyLimit: 10 * 1024 * 1024,
      rateLimitMax: 120,
      policyFile: undefined,
      storageFailure: 'closed',
      cookieSecret: undefined,
      publicOrigin: undefined,
      demo: true,
    });
    expect(CONFIG_DEFAULTS.BODY_LIMIT).toBe(1_048_576);
  });

  it('reads every variable and coerces numbers', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgres://mamori@127.0.0.1:5432/mamori',
      MAMORI_DB_FILE: '/var/lib/mamori/db.sqlite',
      MAMORI_REGISTRY: '/etc/mamori/registry.json',
      BODY_LIMIT: '2048',
      EVENTS_BODY_LIMIT: '4096',
      RATE_LIMIT_MAX: '5',
    });
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(9000);
    expect(config.logLevel).toBe('debug');
    expect(config.databaseUrl).toBe('postgres://mamori@127.0.0.1:5432/mamori');
    expect(config.dbFile).toBe('/var/lib/mamori/db.sqlite');
    expect(config.registryFile).toBe('/etc/mamori/registry.json');
    expect(config.bodyLimit).toBe(2048);
    expect(config.eventsBodyLimit).toBe(4096);
    expect(config.rateLimitMax).toBe(5);
  });

  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '  ' }).port).toBe(8080);
  });

  it('reports every problem as one `NAME: message` line in one ConfigError', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', BODY_LIMIT: '-1', RATE_LIMIT_MAX: '1.5' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { code, message } = error as ConfigError;
    expect(code).toBe('invalid_config');
    const lines = message.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toContain('PORT: must be a port number (0–65535)');
    expect(lines.some((l) => l.startsWith('LOG_LEVEL: must be one of'))).toBe(true);
    expect(lines).toContain('BODY_LIMIT: must be a positive number of bytes');
    expect(lines.some((l) => l.startsWith('RATE_LIMIT_MAX: '))).toBe(true);
  });

  it('rejects a port out of range and a DATABASE_URL that is not a URL', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/^PORT: /);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/^DATABASE_URL: /);
  });
});
