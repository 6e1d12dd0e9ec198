import type { AssetManifest } from '../../../shared/core/fragments/assets';
import { escapeHtml } from '../../../shared/core/html';
import { renderStandalonePage } from '../../../shared/core/views/standalonePage';
import type { HttpResponse } from '../../../shared/http/response';
import { sameSitePath } from '../../../shared/http/sameSitePath';

/**
 * Responses of the dynamic views. They are per-user and change with every commit, so none is
 * ever stored by CloudFront or the browser (`no-store`; the distribution's `/-/` behaviour does
 * not cache either).
 */
export const VIEW_CACHE_CONTROL = 'no-store';

export function htmlResponse(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': VIEW_CACHE_CONTROL, ...headers },
    body,
  };
}

export function textResponse(statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': contentType, 'cache-control': VIEW_CACHE_CONTROL, ...headers }, body };
}

/**
 * 303 See Other: where a form post goes next (the browser follows with a GET). Every target passes
 * the one same-site check; a target that fails it (a bug, never user input) goes to `/` instead.
 */
export function redirect(location: string, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode: 303, headers: { location: sameSitePath(location) ?? '/', 'cache-control': VIEW_CACHE_CONTROL, ...headers }, body: '' };
}

/** A page for errors that happen before a wiki's frame is known (bad wiki name, unknown wiki), in the site's style. */
export function barePage(statusCode: number, title: string, message: string, assets?: AssetManifest): HttpResponse {
  const home = '<p><a class="wb-button" href="/">Go to the start page</a></p>';
  return htmlResponse(statusCode, renderStandalonePage({ title, body: `<p>${escapeHtml(message)}</p>${home}`, assets, noindex: true }));
}

/** The path and query a request came in with (for `return_to` and canonical links). */
export function requestTarget(rawPath: string, query: URLSearchParams): string {
  const q = query.toString();
  return q ? `${rawPath}?${q}` : rawPath;
}

/** Whether a caller wants JSON back (the editor script's fetch calls), rather than a page. */
export function wantsJson(headers: Readonly<Record<string, string | undefined>>): boolean {
  return /\bapplication\/json\b/i.test(headers.accept ?? '');
}
