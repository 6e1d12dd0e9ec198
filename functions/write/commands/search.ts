import { pageHref } from '../../../shared/core/render/pageHref';
import { validateQuery } from '../../../shared/core/search/engine';
import type { WikiId } from '../../../shared/core/slugs';
import type { IndexedPage, PageIndex } from '../../../shared/ports/pageIndex';
import type { CommandContext } from '../context';
import { readyPageIndex } from '../pageIndexing';
import { openWiki } from '../wikiAccess';

export interface SearchWikiQuery {
  /** The words (or `"phrases"`) to find, or a regular expression with `regex`. */
  readonly q: string;
  /** Match the text case-sensitively (Otter Wiki's "case sensitive"); page names match either way. */
  readonly matchCase?: boolean;
  /** `q` is a regular expression (RE2 syntax), matched line by line like Otter Wiki's. */
  readonly regex?: boolean;
  /** Hits to return, best first (1–200, default 20). */
  readonly limit?: number;
}

export interface SearchWikiHit {
  readonly path: string;
  readonly key: string;
  readonly title: string;
  /** The title, escaped, with the matched words in <mark>. */
  readonly titleHtml: string;
  /** Where the page is read: `/{user}/{wiki}/{Page/Path}`. */
  readonly url: string;
  readonly score: number;
  readonly matches: number;
  /** Matching lines, escaped, with the matched words in <mark>. */
  readonly snippets: readonly string[];
  readonly updated: string;
  readonly size: number;
}

export interface SearchWikiResult {
  readonly query: { readonly q: string; readonly matchCase: boolean; readonly regex: boolean };
  readonly hits: readonly SearchWikiHit[];
  /** Pages that matched (hits holds the best `limit`). */
  readonly total: number;
  readonly searched: number;
  /** False when a regex search hit its time limit: the results may be incomplete. */
  readonly complete: boolean;
  readonly tookMs: number;
}

/**
 * Full-text search over a wiki's current pages (docs/search.md), for the API, MCP and the HTML
 * search view: ranked hits with escaped, <mark>ed titles and snippets. Readers only; the index is
 * built on first use if the wiki has none yet. Bad queries (empty, too long, an invalid regex)
 * are a 400.
 */
export async function searchWiki(ctx: CommandContext, id: WikiId, query: SearchWikiQuery): Promise<SearchWikiResult> {
  const started = performance.now();
  const matchCase = query.matchCase ?? false;
  const regex = query.regex ?? false;
  await openWiki(ctx, id, 'read');
  // A bad query is refused before anything is built (a rejected request writes nothing).
  await validateQuery({ text: query.q, matchCase, regex });
  const index = await readyPageIndex(ctx.deps, id, await ctx.deps.dbs.open(id).preferences());
  const results = await index.search({ text: query.q, matchCase, regex, limit: query.limit });
  const base = `/${id.user}/${id.wiki}`;
  return {
    query: { q: query.q, matchCase, regex },
    hits: results.hits.map((hit) => ({
      path: hit.page.path,
      key: hit.page.key,
      title: hit.page.title,
      titleHtml: hit.titleHtml,
      url: pageHref(base, hit.page.path),
      score: hit.score,
      matches: hit.matches,
      snippets: hit.snippets,
      updated: hit.page.updated,
      size: hit.page.size,
    })),
    total: results.total,
    searched: results.searched,
    complete: results.complete,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/**
 * A wiki's page index for a reader (the A–Z view, sitemap): checks the caller may read the
 * wiki, builds the index first when it is missing or stale, and returns it.
 */
export async function pageIndexOf(ctx: CommandContext, id: WikiId): Promise<PageIndex> {
  await openWiki(ctx, id, 'read');
  const prefs = await ctx.deps.dbs.open(id).preferences();
  return readyPageIndex(ctx.deps, id, prefs);
}

/** Every page of a wiki from its index, sorted by key (the A–Z view): no walk over git per request. */
export async function listIndexedPages(ctx: CommandContext, id: WikiId): Promise<IndexedPage[]> {
  return (await pageIndexOf(ctx, id)).list();
}
