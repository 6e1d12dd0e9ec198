import { decodeSidebarFragment } from '../../shared/core/fragments/sidebarEnvelope';

/**
 * The page tree a wiki's published sidebar points to (shared/core/fragments/sidebarEnvelope.ts),
 * read through `read` (key → body); `prefix` is the wiki's `fragments/{user}/{wiki}`.
 */
export async function publishedTree(read: (key: string) => Promise<string | undefined>, prefix: string): Promise<string> {
  const fragment = await read(`${prefix}/sidebar.html`);
  const hash = fragment === undefined ? undefined : decodeSidebarFragment(fragment).meta.tree;
  if (!hash) throw new Error(`${prefix}/sidebar.html points to no page tree.`);
  const tree = await read(`${prefix}/sidebars/${hash}.html`);
  if (tree === undefined) throw new Error(`${prefix}/sidebar.html points to a tree that is not in the bucket.`);
  return tree;
}

/** Bucket keys with each content-addressed tree's hash replaced by `{hash}`, for exact comparisons. */
export const withTreeHashes = (keys: readonly string[]) => keys.map((k) => k.replace(/\/sidebars\/[0-9a-f]{20}\.html$/, '/sidebars/{hash}.html'));
