import type { BlobStore } from '../../shared/ports/blobStore';
import type { WikiDbProvider } from '../../shared/ports/wikiDb';
import type { RepoBlob, WikiRepo, WikiRepoProvider } from '../../shared/ports/wikiRepo';
import {
  ATTACHMENT_CACHE_CONTROL, attachmentObjectKey, attachmentPrefixOf, contentTypeOf, dispositionOf,
} from '../../shared/core/attachments';
import { decodeContentFragment } from '../../shared/core/fragments/contentEnvelope';
import { fragmentPrefix, pageFragmentKey } from '../../shared/core/fragments/keys';
import { keyOfFile } from '../../shared/core/pagePath';
import type { WikiId } from '../../shared/core/slugs';
import type { PageIndexReconciler } from '../write/pageIndexing';
import type { Publisher } from '../write/publisher';

/** What reconcile needs of the write function's Publisher (tools/publishPool.ts spreads pages over threads). */
export type PagePublisher = Pick<Publisher, 'publishPage' | 'publishShell' | 'publishSidebar'>;

export interface ReconcileDeps {
  readonly repos: WikiRepoProvider;
  readonly dbs: WikiDbProvider;
  readonly blobs: BlobStore;
  readonly publisher: PagePublisher;
  /** Repairs or rebuilds each wiki's page index from git (search, A–Z); absent: indexes are left alone. */
  readonly pageIndex?: PageIndexReconciler;
  /** Brings each wiki's history index up to its branch head (built whole when missing); absent: left alone. */
  readonly historyIndex?: HistoryIndexer;
}

/** What reconcile needs of the history index (shared/adapters/indexedWikiHistory.ts). */
export interface HistoryIndexer {
  sync(id: WikiId): Promise<unknown>;
}

export type PageAction = 'published' | 'skipped' | 'failed';

export interface ReconcileOptions {
  /** Republish every page, whatever its fragment records. */
  readonly force?: boolean;
  /** Pages rendered and put at once (S3 round trips overlap with rendering). Default 16. */
  readonly concurrency?: number;
  /** Files up to and including this one (in path order) were done by an interrupted run. */
  readonly resumeAfter?: string;
  readonly onPage?: (file: string, action: PageAction) => void;
  /** The file up to which (in path order) every page is done: a resume point for a checkpoint. */
  readonly onWatermark?: (file: string) => void;
  /** Asked between pages; true stops the pass early (the result says `complete: false`). */
  readonly shouldStop?: () => boolean;
}

export interface ReconcileResult {
  readonly wiki: string;
  readonly revision: string;
  /** Pages in git (after the resume point). */
  readonly pages: number;
  readonly published: number;
  readonly skipped: number;
  /** Fragment and attachment keys removed because their file is no longer in git. */
  readonly deleted: readonly string[];
  /** Attachments put (missing from the bucket, or all of them with `force`). */
  readonly attachments: number;
  /** What could not be published, with the reason; a later pass retries them. */
  readonly failed: readonly { readonly what: string; readonly error: string }[];
  /** Files skipped because another file maps to the same case-folded page key. */
  readonly shadowed: readonly string[];
  readonly complete: boolean;
}

/** The page files of a tree: one per case-folded key (lowercase file wins, as the write path makes it). */
export function pagesOf(entries: readonly RepoBlob[]): { pages: (RepoBlob & { key: string })[]; shadowed: string[] } {
  const byKey = new Map<string, RepoBlob & { key: string }>();
  const shadowed: string[] = [];
  for (const entry of entries) {
    const key = keyOfFile(entry.path);
    if (!key) continue;
    const other = byKey.get(key);
    if (!other) byKey.set(key, { ...entry, key });
    else if (entry.path === entry.path.toLowerCase()) {
      shadowed.push(other.path);
      byKey.set(key, { ...entry, key });
    } else shadowed.push(entry.path);
  }
  return { pages: [...byKey.values()].sort((a, b) => compare(a.path, b.path)), shadowed };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The attachments of a tree and their object keys: every file that is not a page and sits in a
 * folder (Otter Wiki keeps a page's attachments in a folder named like the page file without
 * `.md`; the key uses the page's case-folded key, as the write function publishes them).
 */
export function attachmentsOf(id: WikiId, entries: readonly RepoBlob[]): (RepoBlob & { key: string; name: string })[] {
  const out: (RepoBlob & { key: string; name: string })[] = [];
  for (const entry of entries) {
    const slash = entry.path.lastIndexOf('/');
    if (keyOfFile(entry.path) || slash < 0) continue;
    const name = entry.path.slice(slash + 1);
    out.push({ ...entry, name, key: attachmentObjectKey(id, entry.path.slice(0, slash).toLowerCase(), name) });
  }
  return out;
}

/**
 * Repairs one wiki's fragments from git (DESIGN §6): every page whose fragment is missing or
 * records another source blob than git's is rendered and put (all of them with `force`), the
 * shell and sidebar are put, attachments missing from the bucket are put (all with `force`: an
 * attachment object records no blob id), and fragments and attachments of files no longer in git
 * are deleted. A failure to publish one file is recorded and the pass goes on.
 */
export async function reconcileWiki(
  deps: ReconcileDeps,
  wiki: WikiId & { readonly title?: string },
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const id = { user: wiki.user, wiki: wiki.wiki };
  const name = `${id.user}/${id.wiki}`;
  const repo = deps.repos.open(id);
  if (!(await repo.exists())) throw new Error(`${name} has no git repository.`);
  const revision = await repo.head();
  // First, so the page index's dates below come from the history index, not from a walk.
  const historyFailure = await deps.historyIndex?.sync(id).then(() => undefined, (error: Error) => String(error.message ?? error));
  const [prefs, entries, existing, existingAttachments] = await Promise.all([
    deps.dbs.open(id).preferences(),
    repo.listBlobs(revision),
    deps.blobs.list(`${fragmentPrefix(id)}/pages/`),
    deps.blobs.list(attachmentPrefixOf(id)),
  ]);
  const { pages: allPages, shadowed } = pagesOf(entries);
  const pages = options.resumeAfter ? allPages.filter((p) => p.path > options.resumeAfter!) : allPages;
  const present = new Set(existing);
  const failed: { what: string; error: string }[] = historyFailure ? [{ what: 'history index', error: historyFailure }] : [];
  let published = 0;
  let skipped = 0;
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      failed.push({ what, error: String((error as Error).message ?? error) });
    }
  };

  // Pages run through a small pool; `done[i]` lets the watermark advance only over a finished prefix.
  const done = new Array<boolean>(pages.length).fill(false);
  let watermark = 0;
  let next = 0;
  let stopped = false;
  const one = async (page: RepoBlob & { key: string }): Promise<PageAction> => {
    const key = pageFragmentKey(id, page.key);
    if (!options.force && present.has(key)) {
      const body = await deps.blobs.getText(key);
      if (body !== undefined && decodeContentFragment(body).meta?.blob === page.blob) return 'skipped';
    }
    const content = await repo.readBlob(page.blob);
    await deps.publisher.publishPage(id, page.path, { content, blob: page.blob }, prefs);
    return 'published';
  };
  const worker = async () => {
    while (next < pages.length) {
      if (options.shouldStop?.()) {
        stopped = true;
        return;
      }
      const index = next++;
      const page = pages[index]!;
      let action: PageAction;
      try {
        action = await one(page);
      } catch (error) {
        action = 'failed';
        failed.push({ what: `page ${page.path}`, error: String((error as Error).message ?? error) });
      }
      if (action === 'published') published++;
      if (action === 'skipped') skipped++;
      options.onPage?.(page.path, action);
      if (action === 'failed') continue; // the watermark stays before it, so a resume retries it
      done[index] = true;
      const before = watermark;
      while (watermark < pages.length && done[watermark]) watermark++;
      if (watermark > before) options.onWatermark?.(pages[watermark - 1]!.path);
    }
  };
  // The page index (search, A–Z) is built from the same tree meanwhile: the main thread is mostly
  // idle while pages render (in worker threads) and travel to S3.
  const indexing = deps.pageIndex
    ? attempt('page index', () => deps.pageIndex!.reconcile(id, { revision, entries, prefs, force: options.force }))
    : undefined;
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 16) }, worker));
  await indexing;

  const deleted: string[] = [];
  let attachments = 0;
  if (!stopped) {
    await attempt('shell', () => deps.publisher.publishShell(id, prefs, wiki.title || id.wiki));
    await attempt('sidebar', () => deps.publisher.publishSidebar(id, listedTree(repo, entries), prefs, { sweep: true }));
    const files = attachmentsOf(id, entries);
    const present = new Set(existingAttachments);
    for (const file of files) {
      if (!options.force && present.has(file.key)) continue;
      await attempt(`attachment ${file.path}`, async () => {
        const contentType = contentTypeOf(file.name);
        await deps.blobs.put(file.key, await repo.readBlob(file.blob), {
          contentType, cacheControl: ATTACHMENT_CACHE_CONTROL, contentDisposition: dispositionOf(file.name, contentType),
        });
        attachments++;
      });
    }
    const wantedAttachments = new Set(files.map((f) => f.key));
    for (const key of existingAttachments) {
      if (wantedAttachments.has(key)) continue;
      await attempt(`delete ${key}`, async () => {
        await deps.blobs.delete(key);
        deleted.push(key);
      });
    }
    // Only rendered pages (`.html`) go; the prefix may also hold other kinds of objects.
    const wanted = new Set(allPages.map((p) => pageFragmentKey(id, p.key)));
    for (const key of existing) {
      if (!key.endsWith('.html') || wanted.has(key)) continue;
      await attempt(`delete ${key}`, async () => {
        await deps.blobs.delete(key);
        deleted.push(key);
      });
    }
  }
  return {
    wiki: name, revision, pages: pages.length, published, skipped, deleted, attachments, failed, shadowed, complete: !stopped,
  };
}

/**
 * The repository as the sidebar reads it (every page file and its content), served from the tree
 * reconcile has listed: blobs by id instead of a path lookup through the trees per page, which
 * costs seconds on a packed 10,000-page repository.
 */
function listedTree(repo: WikiRepo, entries: readonly RepoBlob[]): WikiRepo {
  const blobs = new Map(entries.map((e) => [e.path, e.blob]));
  return Object.assign(Object.create(repo) as WikiRepo, {
    listFiles: async () => entries.map((e) => e.path),
    readFile: async (path: string) => {
      const blob = blobs.get(path);
      return blob === undefined ? undefined : { blob, content: await repo.readBlob(blob) };
    },
  });
}
