import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { loadRegistry } from '../registry/index.ts';
import { buildServer } from './build-server.ts';

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('buildServer', () => {
  it('logs request id, route, status and time, and never the message', async () => {
    const { lines, logger } = captureLogger();
    const app = buildServer({ config: loadConfig({}), registry: await loadRegistry({}), logger });
    const secret = '本日中に 4111111111111111 を入力 https://docomo-ryokin.top/pay';
    const ok = await app.inject({
      method: 'POST',
      url: '/api/check?lang=en',
      payload: { text: secret, sender: '090-1234-5678' },
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/check',
      headers: { 'content-type': 'application/json' },
      payload: `{"text": "${secret}`,
    });
    await app.close();
    expect(ok.statusCode).toBe(200);
    expect(bad.statusCode).toBe(400);

    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed).toHaveLength(2);
    expect(completed[0]).toMatchObject({
      method: 'POST',
      route: '/api/check',
      status: 200,
      reqId: ok.headers['x-request-id'],
    });
    expect(typeof completed[0]?.ms).toBe('number');
    expect(completed[1]).toMatchObject({ status: 400, reqId: bad.headers['x-request-id'] });
    const all = JSON.stringify(lines);
    expect(all).not.toContain('4111111111111111');
    expect(all).not.toContain('docomo-ryokin');
    expect(all).not.toContain('090-1234-5678');
  });

  it('answers an unexpected error with a generic 500, no stack, and logs it', async () => {
    const { lines, logger } = captureLogger();
    const app = buildServer({ config: loadConfig({}), registry: await loadRegistry({}), logger });
    app.get('/boom', async () => {
      throw new Error('kaboom with private data');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(res.body).not.toMatch(/kaboom|at |\.ts/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    const logged = lines.find((l) => l.msg === 'unexpected error');
    expect(logged).toMatchObject({ level: 50, errType: 'Error' });
    expect(String(logged?.stack)).toContain('build-server.test.ts');
    expect(JSON.stringify(lines)).not.toContain('kaboom');
  });
});
