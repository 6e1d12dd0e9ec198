import type { WikiId } from '../core/slugs';

/** One page as the index knows it: enough for the A–Z view, sitemaps and search results. */
export interface IndexedPage {
  /** The page name as its file spells it, without `.md`, e.g. `Docs/Getting Started`. */
  readonly path: string;
  /** Case-folded lookup key, e.g. `docs/getting started`. */
  readonly key: string;
  readonly title: string;
  readonly headings: readonly { readonly level: number; readonly text: string; readonly anchor: string }[];
  readonly size: number;
  /** Git blob id of the indexed content. */
  readonly blob: string;
  /** ISO date of the commit that last changed the page. */
  readonly updated: string;
}

/** A page with its markdown, as it goes into the index (the markdown is what full-text search reads). */
export type IndexedDocument = IndexedPage & { readonly markdown: string };

export interface SearchQuery {
  readonly text: string;
  /** Match the page text case-sensitively (page names always match case-insensitively, as URLs do). */
  readonly matchCase?: boolean;
  /** `text` is a regular expression (RE2 syntax: linear time, no backreferences or lookaround). */
  readonly regex?: boolean;
  /** Hits to return (the best ones); default 20. */
  readonly limit?: number;
  /** A regex search stops after this long and says it is incomplete; default 1500 ms. */
  readonly timeLimitMs?: number;
}

export interface SearchHit {
  readonly page: IndexedPage;
  readonly score: number;
  /** How often the query matched in the page's name, title and text (capped). */
  readonly matches: number;
  /** The title as HTML with the matched words wrapped in <mark>; already escaped. */
  readonly titleHtml: string;
  /** Snippets as HTML with the matched words wrapped in <mark>; already escaped. */
  readonly snippets: readonly string[];
}

export interface SearchResults {
  /** The best `limit` matches, best first. */
  readonly hits: readonly SearchHit[];
  /** How many pages matched in all. */
  readonly total: number;
  /** How many pages were searched. */
  readonly searched: number;
  /** False when a regex search ran out of time: the results cover only part of the wiki. */
  readonly complete: boolean;
}

export interface PageIndexChanges {
  readonly upsert?: readonly IndexedDocument[];
  /** Keys of pages to drop. */
  readonly remove?: readonly string[];
  /** The git commit the changes were read at (recorded for diagnostics and reconcile). */
  readonly revision?: string;
}

export interface PageIndexStatus {
  /** False when the wiki has no index yet (it is built by a rebuild, never by an update). */
  readonly exists: boolean;
  /** The commit the last change or rebuild was read at. */
  readonly revision?: string;
  /** What the index was built with (title options): a rebuild is due when it no longer matches. */
  readonly settings?: string;
  /** Segment files besides the base (what a compaction would merge). */
  readonly segments?: number;
}

export interface RebuildInput {
  readonly pages: readonly IndexedDocument[];
  readonly revision: string;
  readonly settings: string;
}

/**
 * A wiki's page index, kept up to date at save time (never by walking every page per request):
 * the A–Z index, sitemap and full-text search read it.
 */
export interface PageIndex {
  /** Adds or replaces pages (with their markdown, for full-text search). No-op while the index does not exist. */
  upsert(pages: readonly IndexedDocument[]): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  /**
   * Runs `fn` under the wiki's index lock and applies the changes it returns in one step. `fn`
   * should read the source of truth (git at its head) itself: updates are serialised, so the last
   * one to run saw the newest head, and racing saves cannot leave an older version indexed.
   * Does nothing (and does not call `fn`) while the index does not exist.
   */
  update(fn: (status: PageIndexStatus) => Promise<PageIndexChanges | undefined>): Promise<void>;
  /**
   * Replaces the whole index (a rebuild). `fn` runs under the lock with the current status and
   * returns the pages, or undefined to leave the index as it is (someone else rebuilt it meanwhile).
   */
  rebuild(fn: (status: PageIndexStatus) => Promise<RebuildInput | undefined>): Promise<void>;
  status(): Promise<PageIndexStatus>;
  /** Merges the change segments into one base (a background chore; reconcile runs it). */
  compact(): Promise<void>;
  /** Every page, sorted by key. Empty while the index does not exist. */
  list(): Promise<IndexedPage[]>;
  search(query: SearchQuery): Promise<SearchResults>;
}

export interface PageIndexProvider {
  open(id: WikiId): PageIndex;
}
