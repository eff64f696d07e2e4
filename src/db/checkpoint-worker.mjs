// The background checkpointer's thread (see wal-checkpointer.ts). Plain JavaScript: it needs no
// TypeScript loader, so it starts in a few milliseconds.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint.get();
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
