import { escapeHtml } from '../html';
import { authorLabel, shortRevision, subjectOf, timeTag, viewHref } from './format';

export interface HistoryEntry {
  readonly revision: string;
  readonly author: { readonly name: string; readonly email: string };
  readonly date: string;
  readonly message: string;
}

export interface HistoryViewOptions {
  readonly basePath: string;
  readonly page: string;
  readonly entries: readonly HistoryEntry[];
  /** The cursor of the next (older) batch, if any. */
  readonly nextCursor?: string;
  /** Whether this is a later batch (then "Newest" links back to the first). */
  readonly paged: boolean;
  readonly canEdit: boolean;
}

/**
 * A page's history as a table, newest first: revision, author, date, message, and a pair of radio
 * buttons per row. "Compare selected" submits them (a plain GET form, no JavaScript) to the diff
 * view. Each row also links the page as it was, and its change against the version before it.
 */
export function renderHistory(options: HistoryViewOptions): string {
  const { basePath: base, page, entries } = options;
  if (entries.length === 0) return '<p>No changes.</p>';
  const rows = entries.map((entry, i) => {
    const rev = entry.revision;
    const older = entries[i + 1]?.revision;
    const view = viewHref(base, 'view', page, { revision: rev });
    const diff = viewHref(base, 'diff', page, older ? { from: older, to: rev } : { to: rev });
    const revert = options.canEdit ? ` · <a href="${escapeHtml(viewHref(base, 'revert', undefined, { revision: shortRevision(rev) }))}">revert</a>` : '';
    return `<tr>
<td class="wb-pick"><input type="radio" name="from" value="${escapeHtml(rev)}" aria-label="Compare from ${escapeHtml(shortRevision(rev))}"${i === 1 ? ' checked' : ''}></td>
<td class="wb-pick"><input type="radio" name="to" value="${escapeHtml(rev)}" aria-label="Compare to ${escapeHtml(shortRevision(rev))}"${i === 0 ? ' checked' : ''}></td>
<td><a class="wb-rev" href="${escapeHtml(view)}">${escapeHtml(shortRevision(rev))}</a></td>
<td>${authorLabel(entry.author)}</td>
<td>${timeTag(entry.date)}</td>
<td class="wb-msg">${escapeHtml(subjectOf(entry.message))}</td>
<td class="wb-row-links"><a href="${escapeHtml(diff)}">diff</a> · <a href="${escapeHtml(viewHref(base, 'source', page, { revision: rev }))}">source</a>${revert}</td>
</tr>`;
  });
  const pager: string[] = [];
  if (options.paged) pager.push(`<a href="${escapeHtml(viewHref(base, 'history', page))}">Newest</a>`);
  if (options.nextCursor) pager.push(`<a rel="next" href="${escapeHtml(viewHref(base, 'history', page, { cursor: options.nextCursor }))}">Older changes</a>`);
  const compare = entries.length > 1
    ? '<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Compare selected</button> <label class="wb-inline"><input type="checkbox" name="mode" value="unified"> unified</label></p>'
    : '';
  return `<form class="wb-history" method="get" action="${escapeHtml(viewHref(base, 'diff', page))}">
${compare}<div class="wb-table-scroll"><table class="wb-table">
<thead><tr><th scope="col" title="Compare from">A</th><th scope="col" title="Compare to">B</th><th scope="col">Revision</th><th scope="col">Author</th><th scope="col">Date</th><th scope="col">Message</th><th scope="col"><span class="wb-visually-hidden">Links</span></th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
${compare}</form>${pager.length ? `<nav class="wb-pager" aria-label="History pages">${pager.join(' ')}</nav>` : ''}`;
}
