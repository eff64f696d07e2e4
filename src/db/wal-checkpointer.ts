/**
 * Background WAL checkpoints for a SQLite file database. By default SQLite checkpoints inside the
 * COMMIT that crosses wal_autocheckpoint, and that checkpoint fsyncs the database file: on this
 * kind of disk a commit that normally takes 0.1 ms then takes 30–40 ms, and every request waiting
 * for it sees that. With the checkpointer the committing connection never checkpoints on its own
 * (wal_autocheckpoint = 0); a thread with its own connection runs PASSIVE checkpoints on a timer,
 * which never block writers or readers.
 *
 * That alone is not enough under a steady stream of commits: SQLite starts the WAL over from the
 * beginning only when a writer finds every page of it already copied, and with commits arriving
 * while the thread copies, that never happens, so the file grows for as long as the stream lasts
 * (650 MB in 30 s at 2,000 events/s, measured). A RESTART checkpoint from the thread does not
 * fix it either: it has to wait for a gap between the writer's transactions and a busy writer
 * starves it. So once the WAL is past `restartAtBytes` the thread asks the writer, which then
 * checkpoints on its own connection between two transactions: only the pages committed since
 * the thread's checkpoint are left to copy, and its next commit starts the WAL over.
 */
import { Worker } from 'node:worker_threads';

/** The writer's connection, as better-sqlite3 has it. */
export interface WalWriter {
  readonly inTransaction: boolean;
  pragma(source: string): unknown;
}

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * The WAL size past which the writer is asked to checkpoint, so that its next commit starts the
 * file over: rare at this size (about every 6 s at 2,000 events/s), and the file stays near it.
 */
export const DEFAULT_WAL_RESTART_BYTES = 256 * 2 ** 20;

export interface WalCheckpointerOptions {
  /** How often to checkpoint; default 500 ms. */
  intervalMs?: number;
  /** Start the WAL over once it holds this much (default {@link DEFAULT_WAL_RESTART_BYTES}). */
  restartAtBytes?: number;
  /** The database's page size (one WAL frame per page); default 4096. */
  pageSize?: number;
  onError?: (message: string) => void;
}

export function startWalCheckpointer(
  file: string,
  writer: WalWriter,
  options: WalCheckpointerOptions = {},
): WalCheckpointer {
  const pageSize = options.pageSize ?? 4096;
  const restartAtFrames = Math.max(
    1,
    Math.ceil((options.restartAtBytes ?? DEFAULT_WAL_RESTART_BYTES) / pageSize),
  );
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, intervalMs: options.intervalMs ?? 500, restartAtFrames },
  });
  let closing = false;
  // Between two transactions of the writer: a transaction may be open across awaits (Kysely's),
  // and then the checkpoint waits for its end.
  const checkpointOnWriter = () => {
    if (closing) return;
    if (writer.inTransaction) {
      setImmediate(checkpointOnWriter);
      return;
    }
    try {
      writer.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      options.onError?.(error instanceof Error ? error.message : String(error));
    }
  };
  worker.on('message', (m: unknown) => {
    if (m === 'restart-due') checkpointOnWriter();
    else if (typeof m === 'object' && m !== null && 'error' in m)
      options.onError?.(String((m as { error: unknown }).error));
  });
  worker.on('error', (e) => options.onError?.(e.message));
  // The process may exit while it runs (a CLI command ending): do not keep it alive.
  worker.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      closing = true;
      stopped ??= new Promise<void>((resolve) => {
        worker.ref(); // keep the process alive until the last checkpoint is done
        const done = () => {
          void worker.terminate().then(() => resolve());
        };
        worker.on('message', (m) => {
          if (m === 'stopped') done();
        });
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
