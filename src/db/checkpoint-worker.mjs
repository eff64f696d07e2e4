// The background checkpointer's thread (see wal-checkpointer.ts). Plain JavaScript: it needs no
// TypeScript loader, so it starts in a few milliseconds.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs, restartAtFrames } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    const { log } = checkpoint.get();
    // The WAL is long: ask the writer to finish the job between two of its transactions (see
    // wal-checkpointer.ts). Right now, while only the pages committed during this checkpoint
    // are left to copy.
    if (log >= restartAtFrames) parentPort?.postMessage('restart-due');
  } catch (error) {
    parentPort?.postMessage({ error: String(error?.message ?? error) });
  }
}, intervalMs);
parentPort?.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    try {
      checkpoint.get();
    } finally {
      db.close();
      parentPort?.postMessage('stopped');
    }
  }
});
