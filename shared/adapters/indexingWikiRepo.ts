import type { CommitRequest, CommitResult, WikiRepo, WikiRepoProvider } from '../ports/wikiRepo';
import type { IndexedHistoryProvider } from './indexedWikiHistory';

/** At most this many commits are indexed after a save (a long backlog of pushes is reconcile's job). */
const CATCH_UP_AFTER_COMMIT = 500;

/**
 * Every commit made through the repository is added to the history index right after its ref
 * moved, under the index's lock: saves, renames, deletes, attachments, reverts, new wikis. A
 * failure to index never fails the commit (it landed); the next reader or reconcile catches up.
 */
export function indexingRepoProvider(
  repos: WikiRepoProvider,
  histories: IndexedHistoryProvider,
  onError: (error: unknown) => void = () => undefined,
): WikiRepoProvider {
  return {
    open(id) {
      const repo = repos.open(id);
      const index = async (result: CommitResult) => {
        if (!result.changed) return result;
        await histories.open(id).sync({ limit: CATCH_UP_AFTER_COMMIT }).catch(onError);
        return result;
      };
      const indexing: WikiRepo = {
        exists: () => repo.exists(),
        create: async (initial: CommitRequest) => index(await repo.create(initial)),
        commit: async (request: CommitRequest) => index(await repo.commit(request)),
        head: () => repo.head(),
        readFile: (path, revision) => repo.readFile(path, revision),
        listFiles: (revision) => repo.listFiles(revision),
        readBlob: (blob) => repo.readBlob(blob),
        listBlobs: (revision) => repo.listBlobs(revision),
      };
      return indexing;
    },
  };
}
