import { createHash } from 'node:crypto';
import {
  FRAGMENT_CACHE_CONTROL, FRAGMENT_CONTENT_TYPE, SIDEBAR_TREE_HASH, sidebarKey, sidebarTreeKey, sidebarTreePrefix, sidebarTreeUrl,
} from '../../shared/core/fragments/keys';
import { renderSidebarNav, renderSidebarTree, type SidebarOptions, type SidebarPage } from '../../shared/core/fragments/sidebar';
import {
  decodeSidebarFragment, encodeSidebarFragment, type SidebarMeta, type SupersededTree,
} from '../../shared/core/fragments/sidebarEnvelope';
import type { WikiId } from '../../shared/core/slugs';
import type { BlobStore } from '../../shared/ports/blobStore';

/**
 * How long a superseded tree stays in the bucket. Pages that point to it live 30 s in the
 * distribution's cache; an hour also covers a tab restored from the browser's cache. A page whose
 * tree is gone still has its branch and the links to Home and the A–Z index.
 */
export const SIDEBAR_TREE_GRACE_MS = 60 * 60 * 1000;

export interface SidebarPublishOptions {
  /**
   * Reconcile: also take up trees the fragment does not list (left by two publishes racing, or by
   * a crash between putting a tree and the fragment), so that they expire like the others.
   */
  readonly sweep?: boolean;
  /** The clock (ms), for tests. */
  readonly now?: number;
}

const putOptions = { contentType: FRAGMENT_CONTENT_TYPE, cacheControl: FRAGMENT_CACHE_CONTROL };

/** A tree's content address: the first 20 hex digits of its SHA-256. */
export function treeHash(tree: string): string {
  return createHash('sha256').update(tree, 'utf8').digest('hex').slice(0, 20);
}

/**
 * Which superseded trees to keep and which to delete once `current` is the wiki's tree: the old
 * fragment's tree becomes superseded now (unless it is still current), trees found in the bucket
 * but unknown to the fragment likewise, and those superseded longer than the grace period expire.
 */
export function planTreeRetention(
  old: SidebarMeta, current: string | undefined, listed: readonly string[], now: number, graceMs = SIDEBAR_TREE_GRACE_MS,
): { keep: SupersededTree[]; expired: SupersededTree[] } {
  const byHash = new Map<string, SupersededTree>();
  for (const tree of old.superseded ?? []) if (SIDEBAR_TREE_HASH.test(tree.hash)) byHash.set(tree.hash, tree);
  for (const hash of [old.tree, ...listed]) {
    if (hash && SIDEBAR_TREE_HASH.test(hash) && !byHash.has(hash)) byHash.set(hash, { hash, since: now });
  }
  if (current) byHash.delete(current);
  const all = [...byHash.values()];
  return { keep: all.filter((t) => t.since > now - graceMs), expired: all.filter((t) => t.since <= now - graceMs) };
}

/**
 * Puts the tree (content-addressed, so an unchanged page set puts the same object again), then
 * deletes the trees that expired, then points the sidebar fragment at the new tree. The fragment
 * goes last: it never names a tree that is not in the bucket yet.
 */
export async function publishSidebarFragments(
  blobs: BlobStore, id: WikiId, pages: readonly SidebarPage[], options: SidebarOptions, publish: SidebarPublishOptions = {},
): Promise<string> {
  const now = publish.now ?? Date.now();
  const tree = renderSidebarTree(pages, options);
  const hash = tree ? treeHash(tree) : undefined;
  const prefix = sidebarTreePrefix(id);
  const [previous, listed] = await Promise.all([
    blobs.getText(sidebarKey(id)),
    publish.sweep ? blobs.list(prefix) : Promise.resolve([]),
    hash ? blobs.put(sidebarTreeKey(id, hash), tree, putOptions) : undefined,
  ]);
  const listedHashes = listed.map((key) => key.slice(prefix.length).replace(/\.html$/, ''));
  const { keep, expired } = planTreeRetention(decodeSidebarFragment(previous ?? '').meta, hash, listedHashes, now);
  const kept = [...keep];
  for (const old of expired) {
    // A tree that could not be deleted stays listed, so the next publish tries again.
    await blobs.delete(sidebarTreeKey(id, old.hash)).catch(() => kept.push(old));
  }
  const meta: SidebarMeta = {
    ...(hash ? { tree: hash } : {}),
    ...(options.maxDepth ? { maxDepth: options.maxDepth } : {}),
    ...(options.mode === 'DIRECTORIES_ONLY' ? { foldersOnly: true } : {}),
    ...(kept.length ? { superseded: kept } : {}),
  };
  const html = renderSidebarNav(options, hash ? sidebarTreeUrl(id, hash) : undefined);
  const key = sidebarKey(id);
  await blobs.put(key, encodeSidebarFragment(meta, html), putOptions);
  return key;
}
