import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';

/**
 * Small formatting helpers shared by the dynamic views (history, diff, changelog, editor…). Pure:
 * strings in, strings out; every value that ends up in HTML is escaped by the caller or here.
 */

/** The first 7 hex digits of a commit id, as Otter Wiki and git show them. */
export const shortRevision = (revision: string) => revision.slice(0, 7);

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-24 04:54` (UTC): the same for every reader, so nothing depends on the server's zone. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A `<time>` element with the full ISO date as its machine-readable value. */
export function timeTag(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatDate(iso))} UTC</time>`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The first line of a commit message (the subject), for lists. */
export function subjectOf(message: string): string {
  return message.split('\n', 1)[0] ?? '';
}

/**
 * The URL of a dynamic view, `/{user}/{wiki}/-/{view}[/{page}][?query]`: the page path's segments
 * percent-encoded, query values encoded, undefined values left out.
 */
export function viewHref(
  basePath: string,
  view: string,
  page?: string,
  query?: Readonly<Record<string, string | number | boolean | undefined>>,
): string {
  const path = page === undefined ? `${basePath}/-/${view}` : pageHref(`${basePath}/-/${view}`, page);
  const params = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([key, value]) => (value === true ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`));
  return params.length ? `${path}?${params.join('&')}` : path;
}

/** An author as a short label: the name, with the email as a tooltip. */
export function authorLabel(author: { name: string; email: string }): string {
  return `<span class="wb-author" title="${escapeHtml(author.email)}">${escapeHtml(author.name || author.email)}</span>`;
}
