import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';

export interface SidebarPage {
  /** Lookup key, e.g. `docs/getting started`. */
  readonly key: string;
  readonly title: string;
}

interface Node {
  page?: SidebarPage;
  name: string;
  children: Map<string, Node>;
}

/**
 * The generic page tree of a wiki, the same for every page; the shell's script marks the
 * current page in the browser. Folders without a page of their own still appear.
 */
export function renderSidebar(pages: readonly SidebarPage[], basePath: string): string {
  const root: Node = { name: '', children: new Map() };
  for (const page of pages) {
    let node = root;
    for (const part of page.key.split('/')) {
      let child = node.children.get(part);
      if (!child) {
        child = { name: part, children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    node.page = page;
  }
  return `<nav class="wb-sidebar" aria-label="Pages">${renderLevel(root, basePath, '')}</nav>`;
}

function renderLevel(node: Node, basePath: string, prefix: string): string {
  const entries = [...node.children.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (entries.length === 0) return '';
  const items = entries.map((child) => {
    const key = prefix ? `${prefix}/${child.name}` : child.name;
    const label = escapeHtml(child.page?.title ?? child.name);
    const link = `<a href="${escapeHtml(pageHref(basePath, key))}" data-key="${escapeHtml(key)}">${label}</a>`;
    return `<li>${link}${renderLevel(child, basePath, key)}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}
