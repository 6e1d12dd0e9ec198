import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';
import { titleFromFileName } from '../title';
import { pageLabel } from './pageLabel';

export interface BranchOptions {
  readonly maxDepth?: number;
  /** DIRECTORIES_ONLY: the tree lists folders only, so the page itself is left out. */
  readonly foldersOnly?: boolean;
}

/**
 * The current page's branch of the page tree, in the tree's own markup (open folders, the page
 * marked): what the sidebar shows until the whole tree arrives. `pageKey` is case-folded
 * (`docs/getting started`); folders get their title-cased names, the page its sidebar label.
 */
export function renderBranch(basePath: string, pageKey: string, title: string | undefined, options: BranchOptions = {}): string {
  const parts = pageKey.split('/').filter(Boolean);
  const depth = options.maxDepth && options.maxDepth > 0 ? Math.min(parts.length, options.maxDepth) : parts.length;
  const levels = depth === parts.length && !options.foldersOnly ? depth : Math.min(depth, parts.length - 1);
  let inner = '';
  for (let i = levels - 1; i >= 0; i--) {
    const key = parts.slice(0, i + 1).join('/');
    const leaf = i === parts.length - 1;
    const label = leaf ? pageLabel(parts[i]!, title) : titleFromFileName(parts[i]!);
    const link = `<a href="${escapeHtml(pageHref(basePath, key))}" data-key="${escapeHtml(key)}"${leaf ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a>`;
    inner = inner
      ? `<ul class="wb-tree"><li><details open><summary>${link}</summary>${inner}</details></li></ul>`
      : `<ul class="wb-tree"><li>${link}</li></ul>`;
  }
  return inner;
}
