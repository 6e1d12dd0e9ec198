import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';
import { viewHref } from './format';

/** One result as the search view shows it; `snippets` are HTML with `<mark>`, escaped by the index. */
export interface SearchResultView {
  readonly path: string;
  /** The title as HTML with the matched words marked; escaped by the index. */
  readonly titleHtml: string;
  readonly snippets: readonly string[];
}

export interface SearchViewOptions {
  readonly basePath: string;
  readonly query: string;
  readonly matchCase: boolean;
  readonly regex: boolean;
  /** Undefined before a query was given. */
  readonly results?: readonly SearchResultView[];
  /** A message instead of results (a bad regular expression, a query that took too long). */
  readonly error?: string;
  /** How long the search took, in milliseconds (shown under the results). */
  readonly elapsedMs?: number;
  /** How many pages matched in all (the results are the best of them). */
  readonly total?: number;
  /** False when a regular expression search ran out of time and covered only part of the wiki. */
  readonly complete?: boolean;
}

/**
 * The search form (GET, so results have a URL and work without JavaScript) with Otter Wiki's
 * options (match case, regular expression), and the ranked results with highlighted snippets.
 */
export function renderSearch(options: SearchViewOptions): string {
  const { basePath: base } = options;
  const form = `<form class="wb-search-form" role="search" method="get" action="${escapeHtml(viewHref(base, 'search'))}">
<p><input type="search" name="q" value="${escapeHtml(options.query)}" aria-label="Search for" placeholder="Search" autofocus required maxlength="1000">
<button class="wb-button wb-button-primary" type="submit">Search</button></p>
<p class="wb-options"><label class="wb-inline"><input type="checkbox" name="case" value="1"${options.matchCase ? ' checked' : ''}> Match case</label>
<label class="wb-inline"><input type="checkbox" name="regex" value="1"${options.regex ? ' checked' : ''}> Regular expression</label></p>
</form>`;
  if (options.error) return `${form}<div class="wb-notice wb-notice-error" role="alert">${escapeHtml(options.error)}</div>`;
  if (!options.results) return form;
  const count = options.results.length;
  const total = options.total ?? count;
  const timing = options.elapsedMs === undefined ? '' : ` in ${options.elapsedMs < 10 ? options.elapsedMs.toFixed(1) : Math.round(options.elapsedMs)} ms`;
  const shown = total > count ? `, the best ${count} shown` : '';
  const summary = `<p class="wb-faint" role="status">${total === 0 ? 'No pages match' : `${total} page${total === 1 ? '' : 's'} match`} <strong>${escapeHtml(options.query)}</strong>${shown}${timing}.</p>`;
  const partial = options.complete === false
    ? '<div class="wb-notice wb-notice-warning" role="status">The regular expression took too long: these results cover only part of the wiki. Try a more specific pattern.</div>'
    : '';
  const items = options.results.map((hit) => `<li>
<a class="wb-result-title" href="${escapeHtml(pageHref(base, hit.path))}">${hit.titleHtml}</a> <span class="wb-faint wb-result-path">${escapeHtml(hit.path)}</span>
${hit.snippets.map((s) => `<p class="wb-snippet">${s}</p>`).join('')}
</li>`);
  return `${form}${summary}${partial}${count ? `<ol class="wb-results">${items.join('')}</ol>` : ''}`;
}
