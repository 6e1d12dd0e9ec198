import { InvalidInputError } from '../errors';
import type { IndexedPage, SearchHit, SearchQuery, SearchResults } from '../../ports/pageIndex';
import { checkQueryText, parseTerms } from './query';
import { requiredLiterals } from './regexLiterals';
import { buildSnippets, markRanges, type Range } from './snippets';

/** A page as search holds it in memory: its index entry, its markdown and lowercased copies. */
export interface SearchDoc {
  readonly page: IndexedPage;
  readonly text: string;
  readonly pathLower: string;
  readonly titleLower: string;
  /** text.toLowerCase(), made on the first case-insensitive search and kept. */
  lower?: string;
}

export function searchDoc(page: IndexedPage, text: string): SearchDoc {
  return { page, text, pathLower: page.path.toLowerCase(), titleLower: page.title.toLowerCase() };
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 200;
export const DEFAULT_REGEX_TIME_LIMIT_MS = 1500;

// BM25 parameters (the usual ones).
const K1 = 1.2;
const B = 0.75;
/** Occurrences counted per word and page: enough to rank, bounded work on pathological pages. */
const MAX_COUNT = 50;
/** Matches per page the snippets are chosen from. */
const MAX_RANGES = 60;

const lowerOf = (doc: SearchDoc) => (doc.lower ??= doc.text.toLowerCase());

/**
 * Full-text search over the current pages, in memory (docs/search.md).
 *
 * Plain queries: every word (or `"quoted phrase"`) must occur in the page's text or name, as a
 * substring like Otter Wiki's search; pages are ranked by BM25 over the text plus boosts for
 * words in the title and path and for the whole query as a phrase. Regex queries (RE2 syntax,
 * linear time: no catastrophic backtracking) match the text line by line (`^`/`$` at line ends)
 * and the page name, ranked by name match then match count, and stop at a time limit with
 * `complete: false`. Text matches case-insensitively unless `matchCase`; page names always do,
 * as page URLs do.
 */
export async function searchDocs(docs: readonly SearchDoc[], query: SearchQuery): Promise<SearchResults> {
  const text = checkQueryText(query.text);
  const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  return query.regex
    ? regexSearch(docs, text, !!query.matchCase, limit, query.timeLimitMs ?? DEFAULT_REGEX_TIME_LIMIT_MS)
    : plainSearch(docs, text, !!query.matchCase, limit);
}

/** Checks a query (text, words, the regex) without searching: a bad one is an InvalidInputError. */
export async function validateQuery(query: SearchQuery): Promise<void> {
  const text = checkQueryText(query.text);
  if (query.regex) await compileRegex(text, !query.matchCase);
  else parseTerms(text, !!query.matchCase);
}

interface Scored {
  readonly doc: SearchDoc;
  readonly score: number;
  readonly matches: number;
}

const byScore = (a: Scored, b: Scored) => b.score - a.score || (a.doc.page.key < b.doc.page.key ? -1 : a.doc.page.key > b.doc.page.key ? 1 : 0);

function plainSearch(docs: readonly SearchDoc[], text: string, matchCase: boolean, limit: number): SearchResults {
  const terms = parseTerms(text, matchCase);
  const lowerTerms = terms.map((t) => t.toLowerCase());
  const k = terms.length;
  const df = new Array<number>(k).fill(0);
  const candidates: { doc: SearchDoc; inText: number; inName: number }[] = [];
  let totalLength = 0;
  for (const doc of docs) {
    totalLength += doc.text.length;
    const hay = matchCase ? doc.text : lowerOf(doc);
    let inText = 0;
    let inName = 0;
    let all = true;
    for (let i = 0; i < k; i++) {
      const bit = 1 << i;
      if (hay.includes(terms[i]!)) inText |= bit;
      if (doc.pathLower.includes(lowerTerms[i]!) || doc.titleLower.includes(lowerTerms[i]!)) inName |= bit;
      if ((inText | inName) & bit) df[i]!++;
      else all = false;
    }
    if (all) candidates.push({ doc, inText, inName });
  }
  const n = docs.length;
  const average = Math.max(1, totalLength / Math.max(1, n));
  const idf = df.map((d) => Math.log(1 + (n - d + 0.5) / (d + 0.5)));
  const idfSum = idf.reduce((a, b) => a + b, 0);
  // The query as one phrase, like Otter Wiki's whole-string match: a bonus when it occurs as typed.
  const phrase = k > 1 ? (matchCase ? text : text.toLowerCase()).replace(/"/g, '').replace(/\s+/g, ' ').trim() : undefined;

  const scored: Scored[] = candidates.map(({ doc, inText, inName }) => {
    const hay = matchCase ? doc.text : lowerOf(doc);
    const norm = K1 * (1 - B + (B * doc.text.length) / average);
    let score = 0;
    let matches = 0;
    for (let i = 0; i < k; i++) {
      const bit = 1 << i;
      if (inText & bit) {
        const tf = countOccurrences(hay, terms[i]!, MAX_COUNT);
        matches += tf;
        score += (idf[i]! * tf * (K1 + 1)) / (tf + norm);
      }
      if (inName & bit) {
        matches++;
        score += idf[i]! * (doc.titleLower.includes(lowerTerms[i]!) ? 2 : 1);
      }
    }
    if (phrase) {
      if (hay.includes(phrase)) score += idfSum;
      if (doc.titleLower.includes(phrase.toLowerCase()) || doc.pathLower.includes(phrase.toLowerCase())) score += idfSum;
    }
    return { doc, score, matches };
  });
  scored.sort(byScore);
  const hits = scored.slice(0, limit).map(({ doc, score, matches }): SearchHit => {
    const ranges = plainRanges(doc, phrase ? [phrase, ...terms] : terms, matchCase);
    return {
      page: doc.page,
      score: round(score),
      matches,
      titleHtml: markRanges(doc.page.title, literalRanges(doc.page.title, lowerTerms, false, MAX_RANGES)),
      snippets: buildSnippets(doc.text, ranges),
    };
  });
  return { hits, total: scored.length, searched: n, complete: true };
}

/** Where the terms occur in a page's text: the first occurrence of each term first, then the rest in text order. */
function plainRanges(doc: SearchDoc, terms: readonly string[], matchCase: boolean): Range[] {
  const all = literalRanges(doc.text, terms, matchCase, MAX_RANGES, matchCase ? undefined : lowerOf(doc));
  const firsts: Range[] = [];
  const seen = new Set<number>();
  for (const term of terms) {
    const at = all.find(([s, e]) => !seen.has(s) && e - s === term.length && sameText(doc, s, term, matchCase));
    if (at) {
      firsts.push(at);
      seen.add(at[0]);
    }
  }
  return [...firsts, ...all.filter(([s]) => !seen.has(s))];
}

function sameText(doc: SearchDoc, start: number, term: string, matchCase: boolean): boolean {
  const hay = matchCase ? doc.text : lowerOf(doc);
  return hay.startsWith(term, start);
}

/**
 * Occurrences of `terms` in `text` (case-insensitively unless `matchCase`), in text order.
 * `lower` is text.toLowerCase() when the caller has it. When lowercasing changes the length
 * (a few characters such as İ do), offsets come from a case-insensitive RegExp on the text itself.
 */
function literalRanges(text: string, terms: readonly string[], matchCase: boolean, max: number, lower?: string): Range[] {
  const out: Range[] = [];
  let hay = text;
  if (!matchCase) {
    hay = lower ?? text.toLowerCase();
    if (hay.length !== text.length) {
      const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'giu');
      for (const m of text.matchAll(pattern)) {
        if (m[0].length > 0) out.push([m.index, m.index + m[0].length]);
        if (out.length >= max) break;
      }
      return out;
    }
  }
  for (const term of terms) {
    const needle = matchCase ? term : term.toLowerCase();
    if (needle === '') continue;
    let count = 0;
    for (let at = hay.indexOf(needle); at >= 0 && count < max; at = hay.indexOf(needle, at + needle.length)) {
      out.push([at, at + needle.length]);
      count++;
    }
  }
  return out.sort((a, b) => a[0] - b[0]).slice(0, max);
}

function countOccurrences(hay: string, needle: string, max: number): number {
  let count = 0;
  for (let at = hay.indexOf(needle); at >= 0 && count < max; at = hay.indexOf(needle, at + needle.length)) count++;
  return count;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const round = (x: number) => Math.round(x * 1000) / 1000;

// --- regex search -------------------------------------------------------------------------

type Re2Module = typeof import('re2js');
let re2Module: Promise<Re2Module> | undefined;
// Loaded on the first regex search only: plain searches and every other request skip it.
const loadRe2 = (): Promise<Re2Module> => (re2Module ??= import('re2js'));

interface CompiledRegex {
  test(text: string): boolean;
  /** Non-empty matches, at most `max`. */
  ranges(text: string, max: number): Range[];
}

async function compileRegex(pattern: string, caseInsensitive: boolean): Promise<CompiledRegex> {
  const { RE2JS } = await loadRe2();
  let re: InstanceType<typeof RE2JS>;
  try {
    re = RE2JS.compile(pattern, RE2JS.MULTILINE | (caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0));
  } catch (error) {
    throw new InvalidInputError(`The regular expression is not valid (RE2 syntax): ${String((error as Error).message ?? error)}`);
  }
  return {
    test: (text) => re.test(text),
    ranges(text, max) {
      const out: Range[] = [];
      const matcher = re.matcher(text);
      // Empty matches (`^`, `x*`) are skipped; the loop is bounded either way.
      for (let steps = 0; steps < max * 4 && out.length < max && matcher.find(); steps++) {
        const start = matcher.start();
        const end = matcher.end();
        if (end > start) out.push([start, end]);
      }
      return out;
    },
  };
}

async function regexSearch(docs: readonly SearchDoc[], pattern: string, matchCase: boolean, limit: number, timeLimitMs: number): Promise<SearchResults> {
  const started = performance.now();
  const textRe = await compileRegex(pattern, !matchCase);
  const nameRe = matchCase ? await compileRegex(pattern, true) : textRe;
  const textLiterals = requiredLiterals(pattern, !matchCase);
  const nameLiterals = requiredLiterals(pattern, true);
  const deadline = started + timeLimitMs;
  const scored: Scored[] = [];
  let searched = 0;
  let complete = true;
  for (const doc of docs) {
    // Checked between pages: one page (≤ 1 MiB, linear time) takes milliseconds at most.
    if ((searched & 7) === 0 && performance.now() > deadline) {
      complete = false;
      break;
    }
    searched++;
    const hay = matchCase ? doc.text : lowerOf(doc);
    const inText = textLiterals.every((l) => hay.includes(l)) && textRe.test(doc.text);
    const inTitle = nameLiterals.every((l) => doc.titleLower.includes(l)) && nameRe.test(doc.page.title);
    const inPath = nameLiterals.every((l) => doc.pathLower.includes(l)) && nameRe.test(doc.page.path);
    if (!inText && !inTitle && !inPath) continue;
    const count = inText ? Math.max(1, textRe.ranges(doc.text, MAX_COUNT).length) : 0;
    const matches = count + (inTitle ? 1 : 0) + (inPath ? 1 : 0);
    scored.push({ doc, score: (inTitle ? 4 : 0) + (inPath ? 2 : 0) + Math.log2(1 + count), matches });
  }
  scored.sort(byScore);
  const hits = scored.slice(0, limit).map(({ doc, score, matches }): SearchHit => ({
    page: doc.page,
    score: round(score),
    matches,
    titleHtml: markRanges(doc.page.title, nameRe.ranges(doc.page.title, MAX_RANGES)),
    snippets: buildSnippets(doc.text, textRe.ranges(doc.text, MAX_RANGES)),
  }));
  return { hits, total: scored.length, searched, complete };
}
