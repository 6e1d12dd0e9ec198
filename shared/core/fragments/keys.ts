import type { WikiId } from '../slugs';

/** Where a wiki's fragments live in the bucket (DESIGN §3). */
export function fragmentPrefix({ user, wiki }: WikiId): string {
  return `fragments/${user}/${wiki}`;
}

export const shellKey = (id: WikiId) => `${fragmentPrefix(id)}/shell.html`;
export const sidebarKey = (id: WikiId) => `${fragmentPrefix(id)}/sidebar.html`;
/** `pageKey` is the case-folded page path without `.md`, e.g. `docs/getting started`. */
export const pageFragmentKey = (id: WikiId, pageKey: string) => `${fragmentPrefix(id)}/pages/${pageKey}.html`;

export const FRAGMENT_CONTENT_TYPE = 'text/html; charset=utf-8';
/** Fragments are overwritten in place; the 30 s page cache sits in front, not here. */
export const FRAGMENT_CACHE_CONTROL = 'max-age=31536000';
