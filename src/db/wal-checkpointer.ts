/**
 * Background WAL checkpoints for a SQLite file database. By default SQLite checkpoints inside the
 * COMMIT that crosses wal_autocheckpoint, and that checkpoint fsyncs the database file: on this
 * kind of disk a commit that normally takes 0.1 ms then takes 30–40 ms, and every request waiting
 * for it sees that. With the checkpointer the committing connections never checkpoint
 * (wal_autocheckpoint = 0); a thread with its own connection runs PASSIVE checkpoints on a timer,
 * which never block writers or readers.
 */
import { Worker } from 'node:worker_threads';

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(
  file: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): WalCheckpointer {
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, intervalMs: options.intervalMs ?? 500 },
  });
  worker.on('message', (m: unknown) => {
    if (typeof m === 'object' && m !== null && 'error' in m)
      options.onError?.(String((m as { error: unknown }).error));
  });
  worker.on('error', (e) => options.onError?.(e.message));
  // The process may exit while it runs (a CLI command ending): do not keep it alive.
  worker.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.ref(); // keep the process alive until the last checkpoint is done
        const done = () => {
          void worker.terminate().then(() => resolve());
        };
        worker.once('message', (m) => {
          if (m === 'stopped') done();
        });
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
