import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';
import { titleFromFileName, type TitleOptions } from '../title';
import { viewHref } from '../views/format';
import { renderCustomMenu } from './customMenu';
import { BRANCH_SLOT } from './sidebarEnvelope';

export interface SidebarPage {
  /** The file path without `.md`, as stored (lowercase unless RETAIN_PAGE_NAME_CASE). */
  readonly path: string;
  /** The page's first heading, when it has one. */
  readonly title?: string;
}

/** Otter Wiki's SIDEBAR_MENUTREE_MODE; empty hides the page tree. */
export type MenuTreeMode = 'SORTED' | 'DIRECTORIES_GROUPED' | 'DIRECTORIES_ONLY' | '';

export interface SidebarOptions {
  readonly basePath: string;
  readonly mode?: MenuTreeMode;
  /** SIDEBAR_MENUTREE_IGNORE_CASE: sort `b` before `C`. */
  readonly ignoreCase?: boolean;
  /** SIDEBAR_MENUTREE_MAXDEPTH: deeper entries are left out. */
  readonly maxDepth?: number;
  /** SIDEBAR_CUSTOM_MENU: Otter Wiki's JSON list of `{link, title, icon}`. */
  readonly customMenu?: string;
  readonly titles?: TitleOptions;
}

interface Node {
  readonly name: string;
  readonly path: string;
  title?: string;
  /** A page of this path exists (else a folder of pages only). */
  isPage?: boolean;
  readonly children: Map<string, Node>;
}

/**
 * The generic page tree of a wiki (`<ul class="wb-tree">…`), the same on every page: published as
 * its own content-addressed resource, fetched by the browser once per change of the page set (the
 * shell's script inserts it and marks the current page). `foo.md` and `foo/` are one entry;
 * folders without a page still appear. Empty when the tree is hidden (mode "") or has no entry.
 */
export function renderSidebarTree(pages: readonly SidebarPage[], options: SidebarOptions): string {
  const mode = options.mode ?? 'SORTED';
  return mode ? renderTree(buildTree(pages, options.maxDepth), mode, options) : '';
}

/**
 * The sidebar every page carries, small whatever the wiki's size: the custom menu, then the place
 * of the tree (`data-tree` is its URL, absent when there is none). Until the tree arrives (or
 * without JavaScript) that place shows the page's own branch, filled in per request at
 * BRANCH_SLOT (sidebarEnvelope.ts), and links to Home and the A–Z index.
 */
export function renderSidebarNav(options: SidebarOptions, treeUrl: string | undefined): string {
  const base = escapeHtml(options.basePath);
  const custom = renderCustomMenu(options.customMenu, options.basePath);
  if (!custom && !treeUrl) return '';
  const heading = treeUrl && custom ? '<p class="wb-sidebar-heading">Pages</p>' : '';
  const slot = treeUrl
    ? `<div class="wb-tree-slot">${BRANCH_SLOT}<ul class="wb-tree wb-tree-fallback"><li><a href="${base}/">Home</a></li>` +
      `<li><a href="${base}/-/index">All pages A–Z</a></li></ul></div>`
    : '';
  const tree = treeUrl ? ` data-tree="${escapeHtml(treeUrl)}"` : '';
  return `<nav class="wb-sidebar" aria-label="Pages" data-base="${base}"${tree}>${custom}${heading}${slot}</nav>`;
}

function buildTree(pages: readonly SidebarPage[], maxDepth: number | undefined): Node {
  const root: Node = { name: '', path: '', children: new Map() };
  for (const page of pages) {
    const parts = page.path.split('/').filter(Boolean);
    if (maxDepth && parts.length > maxDepth) continue;
    let node = root;
    parts.forEach((part, index) => {
      let child = node.children.get(part);
      if (!child) {
        child = { name: part, path: parts.slice(0, index + 1).join('/'), children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    });
    if (page.title) node.title = page.title;
    node.isPage = true;
  }
  return root;
}

function ordered(node: Node, mode: MenuTreeMode, ignoreCase: boolean): Node[] {
  let entries = [...node.children.values()];
  if (mode === 'DIRECTORIES_ONLY') entries = entries.filter((e) => e.children.size > 0);
  const key = (e: Node) => (ignoreCase ? e.name.toLowerCase() : e.name);
  const grouped = mode === 'DIRECTORIES_GROUPED' || mode === 'DIRECTORIES_ONLY';
  return entries.sort((a, b) => {
    if (grouped && (a.children.size > 0) !== (b.children.size > 0)) return a.children.size > 0 ? -1 : 1;
    const [x, y] = [key(a), key(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function renderTree(node: Node, mode: MenuTreeMode, options: SidebarOptions): string {
  const entries = ordered(node, mode, options.ignoreCase ?? false);
  if (entries.length === 0) return '';
  const items = entries.map((entry) => {
    const key = entry.path.toLowerCase();
    const label = escapeHtml(entry.title ?? titleFromFileName(entry.name, options.titles));
    // A folder without a page of its own leads to the A–Z index of what it holds, not to a 404.
    const href = entry.isPage ? pageHref(options.basePath, key) : viewHref(options.basePath, 'index', undefined, { folder: key });
    const link = `<a href="${escapeHtml(href)}" data-key="${escapeHtml(key)}">${label}</a>`;
    const children = renderTree(entry, mode, options);
    return children ? `<li><details><summary>${link}</summary>${children}</details></li>` : `<li>${link}</li>`;
  });
  return `<ul class="wb-tree">${items.join('')}</ul>`;
}
