import type { Worker } from 'node:worker_threads';

/**
 * One request to a worker thread; resolves with its reply. The worker is referenced only while it works, so an
 * idle pool never keeps the process alive (the matrix pool and the store-times pool share this).
 */
export function workerCall<T = unknown>(worker: Worker, message: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    worker.once('error', onError);
    worker.once('message', (reply) => {
      worker.off('error', onError);
      worker.unref();
      resolve(reply as T);
    });
    worker.ref();
    worker.postMessage(message);
  });
}
