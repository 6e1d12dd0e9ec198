import { renderBranch } from './branch';

/** A tree the sidebar no longer points to, kept a while for pages cached before the change. */
export interface SupersededTree {
  readonly hash: string;
  /** When it stopped being the current tree (ms since the epoch). */
  readonly since: number;
}

/** What the sidebar fragment carries besides its HTML, in its first line. */
export interface SidebarMeta {
  /** The current tree's hash (shared/core/fragments/keys.ts sidebarTreeKey); none when hidden. */
  readonly tree?: string;
  /** SIDEBAR_MENUTREE_MAXDEPTH and DIRECTORIES_ONLY, so the branch shows what the tree will. */
  readonly maxDepth?: number;
  readonly foldersOnly?: boolean;
  readonly superseded?: readonly SupersededTree[];
}

/** Where the assembler puts the current page's branch: ancestors, then the page. */
export const BRANCH_SLOT = '<!--wb:branch-->';

const PREFIX = '<!--wb:sidebar ';
const SUFFIX = '-->\n';

export function encodeSidebarFragment(meta: SidebarMeta, html: string): string {
  // Hex hashes and numbers only, but keep the comment well-formed whatever comes.
  const json = JSON.stringify(meta).replace(/-/g, '\\u002d').replace(/>/g, '\\u003e');
  return `${PREFIX}${json}${SUFFIX}${html}`;
}

/** A fragment published before trees were split off (the whole tree inline) has no meta. */
export function decodeSidebarFragment(body: string): { meta: SidebarMeta; html: string } {
  if (!body.startsWith(PREFIX)) return { meta: {}, html: body };
  const end = body.indexOf(SUFFIX, PREFIX.length);
  if (end < 0) return { meta: {}, html: body };
  const html = body.slice(end + SUFFIX.length);
  try {
    return { meta: JSON.parse(body.slice(PREFIX.length, end)) as SidebarMeta, html };
  } catch {
    return { meta: {}, html };
  }
}

/**
 * The sidebar of one page: the stored fragment with the page's branch in its slot (none for a
 * page that does not exist or a view about no page). Tiny: the assembler calls it per request.
 */
export function sidebarForPage(fragment: string | undefined, basePath: string, pageKey?: string, title?: string): string {
  if (!fragment) return '';
  const { meta, html } = decodeSidebarFragment(fragment);
  const branch = pageKey ? renderBranch(basePath, pageKey, title, meta) : '';
  return html.replace(BRANCH_SLOT, () => branch);
}
