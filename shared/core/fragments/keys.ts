import type { WikiId } from '../slugs';

/** Where a wiki's fragments live in the bucket (DESIGN §3). */
export function fragmentPrefix({ user, wiki }: WikiId): string {
  return `fragments/${user}/${wiki}`;
}

export const shellKey = (id: WikiId) => `${fragmentPrefix(id)}/shell.html`;
/** The sidebar as the page carries it: custom menu, branch slot and the tree's URL (sidebarEnvelope.ts). */
export const sidebarKey = (id: WikiId) => `${fragmentPrefix(id)}/sidebar.html`;
/** The whole page tree, content-addressed: fetched by the browser once per change of the page set. */
export const sidebarTreeKey = (id: WikiId, hash: string) => `${fragmentPrefix(id)}/sidebars/${hash}.html`;
export const sidebarTreePrefix = (id: WikiId) => `${fragmentPrefix(id)}/sidebars/`;
/**
 * Where the browser fetches a tree: under the wiki, so the edge gate guards it like the pages (it
 * lists page names), and under the reserved `-` segment, which no page name can start with
 * (shared/core/pagePath.ts strips a leading `-`). The distribution sends these paths to the
 * assemble function (resources/cloudfront.yml: a behaviour placed before the dynamic views').
 */
export const SIDEBAR_TREE_SEGMENT = 'sidebar';
export const sidebarTreeUrl = ({ user, wiki }: WikiId, hash: string) => `/${user}/${wiki}/-/${SIDEBAR_TREE_SEGMENT}/${hash}`;
/** A tree's name: the first 20 hex digits of the SHA-256 of its HTML. */
export const SIDEBAR_TREE_HASH = /^[0-9a-f]{20}$/;
/** `pageKey` is the case-folded page path without `.md`, e.g. `docs/getting started`. */
export const pageFragmentKey = (id: WikiId, pageKey: string) => `${fragmentPrefix(id)}/pages/${pageKey}.html`;

export const FRAGMENT_CONTENT_TYPE = 'text/html; charset=utf-8';
/** Fragments are overwritten in place; the 30 s page cache sits in front, not here. */
export const FRAGMENT_CACHE_CONTROL = 'max-age=31536000';
