import type { CommitRequest, CommitResult, WikiRepo, WikiRepoProvider } from '../ports/wikiRepo';
import type { IndexedHistoryProvider } from './indexedWikiHistory';

/** At most this many commits are indexed after a save (a long backlog of pushes is reconcile's job). */
const CATCH_UP_AFTER_COMMIT = 500;

/** Repositories whose commits are indexed as they land; settled() waits for the indexing under way. */
export interface IndexingRepoProvider extends WikiRepoProvider {
  /**
   * Resolves once every commit made so far is indexed (or its indexing failed and was reported).
   * The handler awaits it before it answers, so no work is left running into a frozen Lambda.
   */
  settled(): Promise<void>;
}

/**
 * Every commit made through the repository is added to the history index right after its ref
 * moved, under the index's lock: saves, renames, deletes, attachments, reverts, new wikis. The
 * indexing runs alongside what the caller does next (the page index, rendering, publishing)
 * rather than before it: a commit returns as soon as its ref moved. A failure to index never
 * fails the commit (it landed); the next reader or reconcile catches up.
 */
export function indexingRepoProvider(
  repos: WikiRepoProvider,
  histories: IndexedHistoryProvider,
  onError: (error: unknown) => void = () => undefined,
): IndexingRepoProvider {
  const pending = new Set<Promise<unknown>>();
  return {
    open(id) {
      const repo = repos.open(id);
      const index = (result: CommitResult) => {
        if (!result.changed) return result;
        const work = histories.open(id).record(result.revision, { limit: CATCH_UP_AFTER_COMMIT }).catch(onError);
        pending.add(work);
        void work.finally(() => pending.delete(work));
        return result;
      };
      const indexing: WikiRepo = {
        exists: () => repo.exists(),
        create: async (initial: CommitRequest) => index(await repo.create(initial)),
        commit: async (request: CommitRequest) => index(await repo.commit(request)),
        head: () => repo.head(),
        readFile: (path, revision) => repo.readFile(path, revision),
        blobOf: (path, revision) => repo.blobOf(path, revision),
        listFiles: (revision) => repo.listFiles(revision),
        readBlob: (blob) => repo.readBlob(blob),
        listBlobs: (revision) => repo.listBlobs(revision),
      };
      return indexing;
    },
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
