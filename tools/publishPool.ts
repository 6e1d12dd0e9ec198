import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PagePublisher } from '../functions/backfill/reconcile';
import type { AssetManifest } from '../shared/core/fragments/assets';
import type { WikiId } from '../shared/core/slugs';
import type { Preferences } from '../shared/ports/wikiDb';

export interface WorkerSettings {
  readonly region: string;
  readonly bucket: string;
  readonly s3Endpoint?: string;
  readonly assets?: AssetManifest;
}

export interface PublishJob {
  readonly seq: number;
  readonly id: WikiId;
  readonly file: string;
  readonly content: Uint8Array;
  readonly blob: string;
  readonly prefs: Preferences;
}

export type PublishReply = { seq: number; key: string; title: string } | { seq: number; error: string };

/**
 * Page publishing spread over worker threads (the CLI's `--workers`): rendering is CPU-bound and
 * the main thread would otherwise do all of it. Shell and sidebar stay with `local`. The workers
 * load the TypeScript sources through tsx, so this is for the CLI and benchmarks (run with tsx),
 * not for a bundled Lambda (which has about one vCPU anyway).
 */
export function publishPool(settings: WorkerSettings, local: PagePublisher, size: number): PagePublisher & { close(): Promise<void> } {
  const script = path.join(__dirname, 'publishWorker.ts');
  const pending = new Map<number, { resolve: (r: { key: string; title: string }) => void; reject: (e: Error) => void; worker: number }>();
  const load = new Array<number>(size).fill(0);
  const workers = Array.from({ length: size }, (_, index) => {
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, workerData: settings });
    worker.on('message', (reply: PublishReply) => {
      const job = pending.get(reply.seq);
      if (!job) return;
      pending.delete(reply.seq);
      load[index]!--;
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve({ key: reply.key, title: reply.title });
    });
    worker.on('error', (error) => {
      for (const [seq, job] of pending) {
        if (job.worker !== index) continue;
        pending.delete(seq);
        job.reject(error);
      }
    });
    return worker;
  });
  let seq = 0;
  return {
    publishShell: (...args) => local.publishShell(...args),
    publishSidebar: (...args) => local.publishSidebar(...args),
    publishPage(id, file, source, prefs) {
      // The least busy worker; each overlaps several pages' S3 round trips.
      const index = load.indexOf(Math.min(...load));
      load[index]!++;
      const job: PublishJob = { seq: ++seq, id, file, content: source.content, blob: source.blob, prefs };
      return new Promise((resolve, reject) => {
        pending.set(job.seq, { resolve, reject, worker: index });
        workers[index]!.postMessage(job);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
