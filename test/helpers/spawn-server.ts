/** Starts the real server (`src/server/main.ts`) as a child process on a free port. */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
}

export interface StartServerOptions {
  timeoutMs?: number;
  /**
   * Send what the server prints to this file instead of keeping it in memory (benchmarks: the
   * load generator then does nothing but send requests).
   */
  logFile?: string;
  /** Extra Node.js flags for the server process (e.g. `--trace-gc` when looking into latency). */
  nodeFlags?: readonly string[];
}

export async function startServer(
  env: Record<string, string>,
  { timeoutMs = 30_000, logFile, nodeFlags = [] }: StartServerOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  const logFd = logFile === undefined ? undefined : openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      // MAMORI_SERVER_PROFILE_DIR=/tmp/prof: CPU profiles of the server (benchmarks, DEVELOPERS.md).
      ...(process.env.MAMORI_SERVER_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.MAMORI_SERVER_PROFILE_DIR}`]
        : []),
      ...nodeFlags,
      '--import',
      'tsx',
      'src/server/main.ts',
    ],
    {
      // No demo data unless a test asks for it: tests count what they stored themselves.
      env: {
        ...process.env,
        MAMORI_DEMO: 'off',
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
    },
  );
  if (logFd !== undefined) closeSync(logFd); // the child has its own copy
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  const output = () => (logFile === undefined ? out : readFileSync(logFile, 'utf8'));
  while (!output().includes('Mamori is listening')) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url, output };
}

export async function stopServer(server: RunningServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill(signal);
  await exited;
}
