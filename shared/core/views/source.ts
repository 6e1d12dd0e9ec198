import { escapeHtml } from '../html';
import { notice } from './layout';
import { authorLabel, shortRevision, timeTag, viewHref } from './format';
import type { HistoryEntry } from './history';

export interface SourceViewOptions {
  readonly basePath: string;
  readonly page: string;
  readonly content: string;
  /** The revision asked for, or undefined for the head. */
  readonly revision?: string;
}

/** A page's markdown with line numbers, and a link to the same as `text/plain`. */
export function renderSource(options: SourceViewOptions): string {
  const { basePath: base, page } = options;
  const lines = options.content.replace(/\n$/, '').split('\n');
  const rows = lines.map((line, i) => `<tr><td class="wb-ln" id="L${i + 1}">${i + 1}</td><td class="wb-diff-code">${escapeHtml(line)}</td></tr>`);
  const raw = viewHref(base, 'source', page, { raw: true, revision: options.revision });
  return `<p class="wb-toolbar"><a class="wb-button" href="${escapeHtml(raw)}">Raw</a> <span class="wb-faint">${options.content.length ? `${lines.length} line${lines.length === 1 ? '' : 's'}` : 'empty'}${options.revision ? ` at ${escapeHtml(shortRevision(options.revision))}` : ''}</span></p>
<div class="wb-diff-scroll"><table class="wb-diff wb-source"><tbody>${rows.join('')}</tbody></table></div>`;
}

export interface RevisionViewOptions {
  readonly basePath: string;
  readonly page: string;
  readonly commit: HistoryEntry;
  /** The page's rendered HTML at that revision (from the real renderer). */
  readonly html: string;
  /** Whether the page still exists at the head. */
  readonly current: boolean;
}

/** The page as it was at a revision, under a banner that says so and links the current version. */
export function renderRevision(options: RevisionViewOptions): string {
  const { basePath: base, page, commit } = options;
  const rev = commit.revision;
  const links = [
    options.current ? `<a href="${escapeHtml(`${base}/${page.split('/').map(encodeURIComponent).join('/')}`)}">current version</a>` : 'the page no longer exists',
    `<a href="${escapeHtml(viewHref(base, 'diff', page, { from: rev }))}">changes since</a>`,
    `<a href="${escapeHtml(viewHref(base, 'source', page, { revision: rev }))}">source</a>`,
    `<a href="${escapeHtml(viewHref(base, 'history', page))}">history</a>`,
  ];
  return notice('info', `You are reading an old revision, <a class="wb-rev" href="${escapeHtml(viewHref(base, 'commit', undefined, { revision: rev }))}">${escapeHtml(shortRevision(rev))}</a> by ${authorLabel(commit.author)} from ${timeTag(commit.date)}: ${links.join(' · ')}.`) + options.html;
}
