import { escapeHtml } from '../html';
import { keyOfFile } from '../pagePath';
import { authorLabel, shortRevision, subjectOf, timeTag, viewHref } from './format';

export interface ChangelogEntry {
  readonly revision: string;
  readonly author: { readonly name: string; readonly email: string };
  readonly date: string;
  readonly message: string;
  readonly files: readonly string[];
}

export interface ChangelogViewOptions {
  readonly basePath: string;
  readonly entries: readonly ChangelogEntry[];
  readonly nextCursor?: string;
  readonly paged: boolean;
  readonly canEdit: boolean;
}

/** A changed file as a link: pages to their version at that commit, attachments to their page. */
function fileLink(basePath: string, file: string, revision: string): string {
  const page = keyOfFile(file) !== undefined ? file.slice(0, -3) : undefined;
  if (page !== undefined) {
    return `<a href="${escapeHtml(viewHref(basePath, 'view', page, { revision }))}">${escapeHtml(page)}</a>`;
  }
  return `<span class="wb-file">${escapeHtml(file)}</span>`;
}

/** The wiki's commits, newest first, paginated by cursor (the next commit to show). */
export function renderChangelog(options: ChangelogViewOptions): string {
  const { basePath: base } = options;
  if (options.entries.length === 0) return '<p>No changes yet.</p>';
  const rows = options.entries.map((entry, index) => {
    // The first commit has no parent to go back to.
    const root = !options.nextCursor && index === options.entries.length - 1;
    const files = entry.files.slice(0, 10).map((f) => fileLink(base, f, entry.revision)).join(', ');
    const more = entry.files.length > 10 ? ` and ${entry.files.length - 10} more` : '';
    const revert = options.canEdit && !root ? ` · <a href="${escapeHtml(viewHref(base, 'revert', undefined, { revision: shortRevision(entry.revision) }))}">revert</a>` : '';
    return `<tr>
<td><a class="wb-rev" href="${escapeHtml(viewHref(base, 'commit', undefined, { revision: entry.revision }))}">${escapeHtml(shortRevision(entry.revision))}</a></td>
<td>${authorLabel(entry.author)}</td>
<td>${timeTag(entry.date)}</td>
<td class="wb-msg">${escapeHtml(subjectOf(entry.message))}<div class="wb-files">${files}${escapeHtml(more)}${revert}</div></td>
</tr>`;
  });
  const pager: string[] = [];
  if (options.paged) pager.push(`<a href="${escapeHtml(viewHref(base, 'changelog'))}">Newest</a>`);
  if (options.nextCursor) pager.push(`<a rel="next" href="${escapeHtml(viewHref(base, 'changelog', undefined, { cursor: options.nextCursor }))}">Older changes</a>`);
  const feeds = `<p class="wb-feeds">Feeds: <a href="${escapeHtml(viewHref(base, 'changelog/feed.rss'))}">RSS</a> · <a href="${escapeHtml(viewHref(base, 'changelog/feed.atom'))}">Atom</a></p>`;
  return `${feeds}<div class="wb-table-scroll"><table class="wb-table">
<thead><tr><th scope="col">Revision</th><th scope="col">Author</th><th scope="col">Date</th><th scope="col">Message and files</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>${pager.length ? `<nav class="wb-pager" aria-label="Changelog pages">${pager.join(' ')}</nav>` : ''}`;
}
