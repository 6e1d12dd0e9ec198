import * as fs from 'node:fs';

/**
 * An `fs` whose `stat` of `path` answers as an NFS client (EFS) may from its attribute and name
 * caches: with what `cached()` gives while it gives anything, from the file itself otherwise.
 * open, and fstat on what it opened, always reach the file, as close-to-open consistency does.
 */
export function staleStatFs(path: string, cached: () => fs.Stats | undefined): typeof fs {
  const stale = (p: fs.PathLike) => (p === path ? cached() : undefined);
  return {
    ...fs,
    statSync: ((p: fs.PathLike, o?: fs.StatSyncOptions) => stale(p) ?? fs.statSync(p, o)) as typeof fs.statSync,
    promises: { ...fs.promises, stat: (async (p: fs.PathLike, o?: fs.StatOptions) => stale(p) ?? fs.promises.stat(p, o)) as typeof fs.promises.stat },
  } as typeof fs;
}
