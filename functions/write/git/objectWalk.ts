import type { GitTransport } from '../../../shared/ports/gitTransport';

export interface WalkRequest {
  /** Commits the client asked for. */
  readonly wants: readonly string[];
  /** Commits the client says it has (only those we have count). */
  readonly haves: readonly string[];
  /** `deepen N`: at most N commits deep from each want. */
  readonly depth?: number;
  /** The client's own shallow boundary (`shallow <oid>` lines). */
  readonly clientShallow?: readonly string[];
  /** `deepen-relative`: `depth` counts from the client's shallow boundary, not from the wants. */
  readonly relative?: boolean;
}

export interface WalkResult {
  /** Every object the pack must hold. */
  readonly oids: string[];
  /** The haves we share with the client (for ACK lines). */
  readonly common: string[];
  /** Commits sent without their parents (the new shallow boundary). */
  readonly shallow: string[];
  /** Commits of the client's old boundary whose parents are now sent. */
  readonly unshallow: string[];
}

/**
 * What a fetch must send: the commits reachable from the wants that are not reachable from the
 * common haves (the walk stops at a have, or at `depth`), with every tree and blob of theirs
 * except those the client already has in the trees of the common haves. Work grows with what
 * is sent plus the trees of the commits the client already has, not with the whole history.
 */
export async function objectsToSend(repo: GitTransport, request: WalkRequest): Promise<WalkResult> {
  const common: string[] = [];
  for (const have of request.haves) if (await repo.hasObject(have)) common.push(have);
  const haveSet = new Set(common);
  const clientShallow = new Set(request.clientShallow ?? []);

  const seenObjects = new Set<string>();
  // Trees of the commits the client has: nothing inside them is sent again.
  for (const have of common) {
    try {
      await markTree(repo, (await repo.commit(have)).tree, seenObjects, undefined);
    } catch {
      // A have that is not a commit (a tree or blob) is simply not a boundary.
    }
  }

  const commits: string[] = [];
  const shallow: string[] = [];
  const unshallow: string[] = [];
  const visited = new Set<string>();
  const limit = request.relative ? undefined : request.depth;
  let frontier: { oid: string; depth: number; limit: number | undefined }[] = request.wants.map((oid) => ({ oid, depth: 1, limit }));
  if (request.relative && request.depth !== undefined) {
    // Deepen below the client's boundary: its shallow commits get their parents, N levels down.
    for (const oid of clientShallow) {
      if (!haveSet.has(oid)) continue;
      const { parents } = await repo.commit(oid);
      if (parents.length === 0) continue;
      unshallow.push(oid);
      frontier.push(...parents.map((parent) => ({ oid: parent, depth: 1, limit: request.depth })));
    }
  }
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { oid, depth, limit: max } of frontier) {
      if (visited.has(oid) || haveSet.has(oid)) continue;
      visited.add(oid);
      const commit = await repo.commit(oid);
      commits.push(oid);
      if (max !== undefined && depth >= max) {
        if (commit.parents.length > 0) shallow.push(oid);
        continue;
      }
      if (clientShallow.has(oid) && commit.parents.length > 0) unshallow.push(oid);
      for (const parent of commit.parents) next.push({ oid: parent, depth: depth + 1, limit: max });
    }
    frontier = next;
  }

  const objects: string[] = [...commits];
  for (const oid of commits) await markTree(repo, (await repo.commit(oid)).tree, seenObjects, objects);
  return { oids: objects, common, shallow, unshallow };
}

/** Adds a tree and everything under it not seen yet to `seen` (and to `out` when given). */
async function markTree(repo: GitTransport, tree: string, seen: Set<string>, out: string[] | undefined): Promise<void> {
  if (seen.has(tree)) return;
  seen.add(tree);
  out?.push(tree);
  for (const entry of await repo.tree(tree)) {
    if (entry.type === 'commit') continue; // a submodule's commit lives elsewhere
    if (entry.type === 'tree') {
      await markTree(repo, entry.oid, seen, out);
    } else if (!seen.has(entry.oid)) {
      seen.add(entry.oid);
      out?.push(entry.oid);
    }
  }
}
