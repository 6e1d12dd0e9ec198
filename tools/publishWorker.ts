/**
 * A worker thread of publishPool.ts: renders pages and puts their fragments with a Publisher and
 * an S3 client of its own, so several cores render at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Publisher } from '../functions/write/publisher';
import * as renderer from '../shared/core/render/renderPage';
import { s3BlobStore } from '../shared/adapters/s3BlobStore';
import { createS3Client } from '../shared/adapters/s3Client';
import type { PublishJob, PublishReply, WorkerSettings } from './publishPool';

const settings = workerData as WorkerSettings;
const s3 = createS3Client({ region: settings.region, endpoint: settings.s3Endpoint });
// Loaded here, not by import(): this thread runs under tsx's CommonJS hook only.
const publisher = new Publisher(s3BlobStore(s3, settings.bucket), settings.assets, async () => renderer);

parentPort!.on('message', (job: PublishJob) => {
  publisher.publishPage(job.id, job.file, { content: job.content, blob: job.blob }, job.prefs).then(
    (out) => parentPort!.postMessage({ seq: job.seq, ...out } satisfies PublishReply),
    (error: Error) => parentPort!.postMessage({ seq: job.seq, error: error.message ?? String(error) } satisfies PublishReply),
  );
});
