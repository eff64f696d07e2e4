import { Readable, Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { ExitError, InputError } from '../errors.ts';
import type { CliIo } from './io.ts';

const behaviour = vi.hoisted(() => ({ error: null as unknown }));
vi.mock('./commands/check.ts', () => ({
  run: async () => {
    if (behaviour.error !== null) throw behaviour.error;
    return 3;
  },
}));

const { main, EXIT_INTERNAL } = await import('./main.ts');

function io() {
  let err = '';
  const sink = (onText: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _e, done) {
        onText(chunk.toString());
        done();
      },
    });
  const value: CliIo = {
    stdin: Object.assign(Readable.from([]), { isTTY: true }),
    stdout: sink(() => undefined),
    stderr: sink((s) => {
      err += s;
    }),
    env: {},
    now: () => 0,
  };
  return { value, stderr: () => err };
}

describe('main', () => {
  it("returns the command's exit code", async () => {
    behaviour.error = null;
    expect(await main(['check', 'x'], io().value)).toBe(3);
  });

  it('an InputError is one line on stderr and exit 2', async () => {
    behaviour.error = new InputError('file_not_found', 'file not found: a.eml');
    const t = io();
    expect(await main(['check', 'x'], t.value)).toBe(2);
    expect(t.stderr()).toBe('mamori: file not found: a.eml\n');
  });

  it('an ExitError exits quietly with its code', async () => {
    behaviour.error = new ExitError(4);
    const t = io();
    expect(await main(['check', 'x'], t.value)).toBe(4);
    expect(t.stderr()).toBe('');
  });

  it('an unexpected error asks for a bug report on one line, exit 70, no stack', async () => {
    behaviour.error = new TypeError("Cannot read properties of undefined (reading 'x')");
    const t = io();
    expect(await main(['check', 'x'], t.value)).toBe(EXIT_INTERNAL);
    expect(EXIT_INTERNAL).toBe(70);
    expect(t.stderr().trimEnd().split('\n')).toHaveLength(1);
    expect(t.stderr()).toMatch(/bug/);
    expect(t.stderr()).not.toMatch(/undefined|\bat /);
  });

  it('an unknown command is a one-line usage error, exit 2', async () => {
    const t = io();
    expect(await main(['chek'], t.value)).toBe(2);
    expect(t.stderr().trimEnd().split('\n')).toHaveLength(1);
    expect(t.stderr()).toMatch(/^mamori: unknown command 'chek'/);
  });
});
