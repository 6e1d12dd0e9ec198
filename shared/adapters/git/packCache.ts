/** Repositories whose parsed packs a warm instance keeps (isomorphic-git's cache: pack indexes and packs). */
const KEPT = 8;
const caches = new Map<string, object>();

/**
 * isomorphic-git's `cache` for a repository, shared by every request of a warm instance: an
 * imported repository is packed, and parsing its pack index and loading its pack again for each
 * request costs ~100 ms at 10,000 commits. isomorphic-git meant the cache to be shared between
 * calls. A repacked repository has new pack file names, so a stale entry is never read, only
 * evicted (least recently used first).
 */
export function packCache(gitdir: string): object {
  let cache = caches.get(gitdir);
  if (cache) caches.delete(gitdir);
  else cache = {};
  caches.set(gitdir, cache);
  if (caches.size > KEPT) caches.delete(caches.keys().next().value!);
  return cache;
}
