import { createHash } from 'node:crypto';

/** The id git gives `content` as a blob (SHA-1 of `blob <length>\0<content>`), without reading the repository. */
export function gitBlobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
