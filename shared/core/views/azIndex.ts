import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';
import { titleFromFileName } from '../title';
import { viewHref } from './format';

/** What the A–Z index needs of a page (a subset of the page index's entries). */
export interface AzPage {
  /** The file's path without `.md`, e.g. `Docs/Getting Started` or `docs/getting started`. */
  readonly path: string;
  readonly title: string;
  readonly headings: readonly { readonly level: number; readonly text: string; readonly anchor: string }[];
}

export interface AzIndexOptions {
  readonly basePath: string;
  readonly pages: readonly AzPage[];
  /** Show each page's headings under it (Otter Wiki's "Toggle page headings"). */
  readonly headings: boolean;
  /** Editors get a small edit link per page. */
  readonly canEdit: boolean;
}

interface Entry {
  readonly path: string;
  readonly label: string;
  readonly depth: number;
  readonly page?: AzPage;
}

/**
 * Pages grouped by the first letter of their top-level title, nested by folder (Otter Wiki's page
 * index). Folders that hold pages but are no page themselves still appear, as labels. One pass
 * over the sorted list: 10,000 pages render in a few milliseconds.
 */
export function renderAzIndex(options: AzIndexOptions): string {
  const { basePath: base } = options;
  // The index lists pages sorted by key already; sorting again on precomputed keys is then linear.
  const keyed = options.pages.map((page) => ({ page, key: page.path.toLowerCase() }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.page.path < b.page.path ? -1 : a.page.path > b.page.path ? 1 : 0));
  const pages = keyed.map((k) => k.page);
  if (pages.length === 0) return '<p>This wiki has no pages yet.</p>';
  const byKey = new Map(keyed.map((k) => [k.key, k.page]));
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const page of pages) {
    const segments = page.path.split('/');
    for (let depth = 0; depth < segments.length; depth++) {
      const path = segments.slice(0, depth + 1).join('/');
      const key = path.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const own = byKey.get(key);
      const leaf = segments[depth]!;
      const label = own && depth === segments.length - 1 ? own.title : own?.title ?? titleFromFileName(leaf);
      entries.push({ path, label, depth, page: own });
    }
  }
  // A top-level entry files under the first letter of what it shows (its title); what is nested
  // under it follows it there.
  const groups = new Map<string, Entry[]>();
  let letter = '#';
  for (const entry of entries) {
    if (entry.depth === 0) {
      const first = [...entry.label.trim()][0]?.toUpperCase() ?? '#';
      letter = /\p{L}/u.test(first) ? first : '#';
    }
    const list = groups.get(letter) ?? [];
    list.push(entry);
    groups.set(letter, list);
  }
  const letters = [...groups.keys()].sort((a, b) => (a === '#' ? -1 : b === '#' ? 1 : a.localeCompare(b)));
  const jump = `<nav class="wb-az-jump" aria-label="Letters">${letters.map((l) => `<a href="#az-${escapeHtml(letterId(l))}">${escapeHtml(l)}</a>`).join('')}</nav>`;
  const blocks = letters.map((letter) => {
    const items = groups.get(letter)!.map((entry) => renderEntry(base, entry, options)).join('');
    return `<section class="wb-az-letter" aria-labelledby="az-${escapeHtml(letterId(letter))}"><h2 id="az-${escapeHtml(letterId(letter))}">${escapeHtml(letter)}</h2><ul>${items}</ul></section>`;
  });
  return `${jump}<div class="wb-az">${blocks.join('')}</div>`;
}

function renderEntry(base: string, entry: Entry, options: AzIndexOptions): string {
  const style = entry.depth ? ` style="--depth:${entry.depth}"` : '';
  if (!entry.page) return `<li class="wb-az-folder"${style}><span>${escapeHtml(entry.label)}</span></li>`;
  const href = pageHref(base, entry.path);
  const edit = options.canEdit
    ? ` <a class="wb-az-edit" href="${escapeHtml(viewHref(base, 'edit', entry.path))}" aria-label="Edit ${escapeHtml(entry.label)}">edit</a>`
    : '';
  let toc = '';
  if (options.headings && entry.page.headings.length) {
    const top = Math.min(...entry.page.headings.map((h) => h.level));
    toc = `<ul class="wb-az-headings">${entry.page.headings.map((h) =>
      `<li style="--level:${h.level - top}"><a href="${escapeHtml(href)}#${escapeHtml(encodeURIComponent(h.anchor))}">${escapeHtml(h.text)}</a></li>`).join('')}</ul>`;
  }
  return `<li class="wb-az-page"${style}><a href="${escapeHtml(href)}">${escapeHtml(entry.label)}</a>${edit}${toc}</li>`;
}

const letterId = (letter: string) => (letter === '#' ? 'other' : encodeURIComponent(letter.toLowerCase()));
