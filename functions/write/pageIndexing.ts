import { keyOfFile } from '../../shared/core/pagePath';
import { markdownHeadings } from '../../shared/core/search/headings';
import type { WikiId } from '../../shared/core/slugs';
import type { IndexedDocument, PageIndex, PageIndexProvider } from '../../shared/ports/pageIndex';
import type { Preferences } from '../../shared/ports/wikiDb';
import type { WikiHistoryProvider } from '../../shared/ports/wikiHistory';
import type { RepoBlob, WikiRepo, WikiRepoProvider } from '../../shared/ports/wikiRepo';
import { pageTitle, wikilinkStyleOf } from './naming';

/** What keeping a wiki's page index in step with git needs (the write function's deps have it all). */
export interface PageIndexingDeps {
  readonly repos: WikiRepoProvider;
  readonly history: WikiHistoryProvider;
  readonly pageIndex: PageIndexProvider;
}

const decoder = new TextDecoder();
/** Bumped when what an entry holds changes: every index is rebuilt once (2: titles after frontmatter). */
const DOCUMENT_VERSION = 2;

/** The settings an index entry depends on (titles, heading text): when they change, the index is rebuilt. */
export function indexSettingsOf(prefs: Preferences): string {
  return JSON.stringify({
    v: DOCUMENT_VERSION,
    retainCase: prefs.RETAIN_PAGE_NAME_CASE === 'True',
    underscoreAsSpace: prefs.TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES === 'True',
    linkTitle: wikilinkStyleOf(prefs) === 'LINKTITLE',
  });
}

/** A markdown file as the index stores it. */
export function indexedDocument(
  file: string, content: Uint8Array, blob: string, updated: string, prefs: Preferences,
): IndexedDocument {
  const markdown = decoder.decode(content);
  return {
    path: file.slice(0, -3),
    key: keyOfFile(file)!,
    title: pageTitle(file, markdown, prefs),
    headings: markdownHeadings(markdown, { linkTitle: wikilinkStyleOf(prefs) === 'LINKTITLE' }),
    size: content.length,
    blob,
    updated,
    markdown,
  };
}

/** The page files of a tree, one per case-folded key: the lowercase file wins, as the write path names files. */
export function pageFilesOf(entries: readonly RepoBlob[]): (RepoBlob & { key: string })[] {
  const byKey = new Map<string, RepoBlob & { key: string }>();
  for (const entry of entries) {
    const key = keyOfFile(entry.path);
    if (!key) continue;
    const other = byKey.get(key);
    if (!other || entry.path === entry.path.toLowerCase()) byKey.set(key, { ...entry, key });
  }
  return [...byKey.values()];
}

/**
 * After a commit: brings the index entries of `files` (the files the commit touched; other files
 * are ignored) in line with git's head. Runs under the index lock and reads the head there, so of
 * two racing saves the later index update sees both commits. Nothing happens while the wiki has
 * no index (the first search or reconcile builds it whole).
 */
export async function indexFiles(
  deps: PageIndexingDeps, id: WikiId, files: readonly string[], prefs: Preferences, known?: KnownCommit,
): Promise<void> {
  const pages = [...new Set(files.filter((f) => keyOfFile(f) !== undefined))];
  if (pages.length === 0) return;
  const repo = deps.repos.open(id);
  await deps.pageIndex.open(id).update(async () => {
    const head = await repo.head();
    // Nobody committed since the caller did: what it wrote is the head's, no need to read it back.
    const mine = known?.revision === head ? known : undefined;
    const found = new Map<string, { file: string; content: Uint8Array; blob: string }>();
    const remove: string[] = [];
    for (const file of pages) {
      const key = keyOfFile(file)!;
      const given = file === file.toLowerCase() ? mine?.files.get(file) : undefined;
      const source = given ? { file, ...given } : await readPage(repo, file, head);
      if (source) found.set(key, source);
      else remove.push(key);
    }
    const unknown = [...found.values()].filter((f) => !mine?.files.has(f.file)).map((f) => f.file);
    const dates = unknown.length > 0 ? await deps.history.open(id).lastChanges(unknown, head) : new Map<string, { date: string }>();
    const dateOf = (file: string) => (mine?.files.has(file) ? mine.date : dates.get(file)?.date ?? '');
    const upsert = [...found.values()].map((f) => indexedDocument(f.file, f.content, f.blob, dateOf(f.file), prefs));
    return { upsert, remove: remove.filter((key) => !found.has(key)), revision: head };
  });
}

/** A commit the caller just made: its revision, date and the files it wrote (content and blob id). */
export interface KnownCommit {
  readonly revision: string;
  readonly date: string;
  readonly files: ReadonlyMap<string, { readonly content: Uint8Array; readonly blob: string }>;
}

/** A page file at `revision`; when a lowercase file of the same key exists, that one (it wins the key). */
async function readPage(repo: WikiRepo, file: string, revision: string) {
  const lower = file.toLowerCase();
  if (lower !== file) {
    const winner = await repo.readFile(lower, revision);
    if (winner) return { file: lower, ...winner };
  }
  const source = await repo.readFile(file, revision);
  return source && { file, ...source };
}

export interface RebuildOptions {
  /** A tree the caller already listed (reconcile): saves walking it again. */
  readonly known?: { readonly revision: string; readonly entries: readonly RepoBlob[] };
  /** Rebuild even when someone else built a current index meanwhile. */
  readonly force?: boolean;
}

/**
 * Builds a wiki's index whole from git: every page at the head, read outside the lock; then,
 * under the lock, the pages that changed in commits made meanwhile are read again, so no save
 * that happened during the build is missed, and the new index replaces the old in one rename.
 */
export async function rebuildPageIndex(
  deps: PageIndexingDeps, id: WikiId, prefs: Preferences, options: RebuildOptions = {},
): Promise<number> {
  const repo = deps.repos.open(id);
  const revision = options.known?.revision ?? (await repo.head());
  const entries = options.known?.entries ?? (await repo.listBlobs(revision));
  const docs = await documentsOf(deps, id, repo, pageFilesOf(entries), revision, prefs);
  const settings = indexSettingsOf(prefs);
  let count = 0;
  await deps.pageIndex.open(id).rebuild(async (status) => {
    if (!options.force && status.exists && status.settings === settings) return undefined; // built meanwhile
    const now = await repo.head();
    if (now !== revision) {
      const current = pageFilesOf(await repo.listBlobs(now));
      const changed = current.filter((p) => docs.get(p.key)?.blob !== p.blob || docs.get(p.key)!.path !== p.path.slice(0, -3));
      const keep = new Set(current.map((p) => p.key));
      for (const key of docs.keys()) if (!keep.has(key)) docs.delete(key);
      for (const [key, doc] of await documentsOf(deps, id, repo, changed, now, prefs)) docs.set(key, doc);
    }
    count = docs.size;
    return { pages: [...docs.values()], revision: now, settings };
  });
  return count;
}

async function documentsOf(
  deps: PageIndexingDeps, id: WikiId, repo: WikiRepo, pages: readonly (RepoBlob & { key: string })[], revision: string, prefs: Preferences,
): Promise<Map<string, IndexedDocument>> {
  const dates = pages.length > 0 ? await deps.history.open(id).lastChanges(pages.map((p) => p.path), revision) : new Map();
  const docs = new Map<string, IndexedDocument>();
  for (const page of pages) {
    const content = await repo.readBlob(page.blob);
    docs.set(page.key, indexedDocument(page.path, content, page.blob, dates.get(page.path)?.date ?? '', prefs));
  }
  return docs;
}

/** The wiki's index, built first when it is missing or was built with other settings. */
export async function readyPageIndex(deps: PageIndexingDeps, id: WikiId, prefs: Preferences): Promise<PageIndex> {
  const index = deps.pageIndex.open(id);
  const status = await index.status();
  if (!status.exists || status.settings !== indexSettingsOf(prefs)) await rebuildPageIndex(deps, id, prefs);
  return index;
}

export interface IndexReconcileInput {
  readonly revision: string;
  readonly entries: readonly RepoBlob[];
  readonly prefs: Preferences;
  /** Rebuild whatever the index holds. */
  readonly force?: boolean;
}

/** The reconcile/backfill hook (functions/backfill/reconcile.ts): repairs or rebuilds a wiki's index from git. */
export interface PageIndexReconciler {
  reconcile(id: WikiId, input: IndexReconcileInput): Promise<'rebuilt' | 'repaired' | 'current'>;
}

export function pageIndexReconciler(deps: PageIndexingDeps): PageIndexReconciler {
  return {
    async reconcile(id, input) {
      const index = deps.pageIndex.open(id);
      const status = await index.status();
      const rebuild = async () => {
        await rebuildPageIndex(deps, id, input.prefs, { known: input, force: true });
        return 'rebuilt' as const;
      };
      if (input.force || !status.exists || status.settings !== indexSettingsOf(input.prefs)) return rebuild();
      let indexed;
      try {
        indexed = await index.list();
      } catch {
        return rebuild(); // a damaged segment: start over
      }
      const want = pageFilesOf(input.entries);
      const have = new Map(indexed.map((p) => [p.key, p]));
      const stale = want.filter((p) => have.get(p.key)?.blob !== p.blob || have.get(p.key)!.path !== p.path.slice(0, -3)).map((p) => p.path);
      const wanted = new Set(want.map((p) => p.key));
      const gone = indexed.filter((p) => !wanted.has(p.key)).map((p) => `${p.path}.md`);
      if (stale.length + gone.length > Math.max(50, want.length / 4)) return rebuild();
      if (stale.length + gone.length > 0) await indexFiles(deps, id, [...stale, ...gone], input.prefs);
      await index.compact();
      return stale.length + gone.length > 0 ? 'repaired' : 'current';
    },
  };
}
