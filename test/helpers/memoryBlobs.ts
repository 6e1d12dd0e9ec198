import type { BlobStore } from '../../shared/ports/blobStore';
import type { WikiRepo } from '../../shared/ports/wikiRepo';

const encoder = new TextEncoder();

/** A BlobStore in a Map, for unit tests of code that only puts and reads fragments. */
export function memoryBlobs() {
  const objects = new Map<string, string>();
  const store: BlobStore = {
    getText: async (key) => objects.get(key),
    put: async (key, body) => void objects.set(key, typeof body === 'string' ? body : new TextDecoder().decode(body)),
    delete: async (key) => void objects.delete(key),
    list: async (prefix) => [...objects.keys()].filter((k) => k.startsWith(prefix)).sort(),
  };
  return { store, objects };
}

/** The read side of a repository holding `files` (path → markdown), for the publisher. */
export function repoOf(files: Record<string, string>): WikiRepo {
  return {
    listFiles: async () => Object.keys(files),
    readFile: async (path: string) => (files[path] === undefined ? undefined : { content: encoder.encode(files[path]), blob: `blob-${path}` }),
  } as unknown as WikiRepo;
}
