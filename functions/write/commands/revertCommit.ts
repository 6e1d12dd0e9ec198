import { isUtf8 } from 'node:buffer';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../shared/core/errors';
import { keyOfFile } from '../../../shared/core/pagePath';
import type { WikiId } from '../../../shared/core/slugs';
import { gitAuthor } from '../../../shared/auth/identity';
import type { FileChange, FileExpectation, RepoFile } from '../../../shared/ports/wikiRepo';
import type { CommandContext } from '../context';
import { indexFiles } from '../pageIndexing';
import { Publishing } from '../publishing';
import { resolveRevision } from '../revisions';
import { openWiki } from '../wikiAccess';
import { once } from '../../../shared/core/once';

// Loaded on the first call only: most requests of an instance never need it.
const loadDiff = once(() => import('diff'));

export interface RevertCommitInput {
  /** Cleaned; undefined for Otter Wiki's default `Reverted commit {rev}.` */
  readonly message?: string;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const text = (file: RepoFile | undefined) => (file && !file.content.includes(0) && isUtf8(file.content) ? decoder.decode(file.content) : undefined);

/**
 * Undoes one commit with a new one, like Otter Wiki's `git revert`: every file the commit changed
 * goes back to its parent's version. A file changed again since is merged when the inverse of the
 * commit's change still applies to it line by line (the `diff` package's patch, no fuzz); when it
 * does not (or the file is binary, or was deleted or re-created since), nothing is committed and
 * the answer is 409 naming the files. The commit expects every file it writes to be as read, so a
 * racing save makes it fail with 409 rather than be overwritten.
 */
export async function revertCommit(ctx: CommandContext, id: WikiId, revisionInput: string, input: RevertCommitInput) {
  const scope = await openWiki(ctx, id, 'write');
  const history = ctx.deps.history.open(id);
  const revision = await resolveRevision(history, revisionInput, 'revision');
  const { entries } = await history.log({ from: revision, limit: 2 });
  const commit = entries[0];
  if (!commit) throw new NotFoundError(`There is no revision ${revisionInput} in this wiki.`);
  const parent = entries[1]?.revision;
  if (!parent) throw new InvalidInputError('The first commit of a wiki cannot be reverted.');
  if (commit.files.length === 0) throw new InvalidInputError(`Commit ${revisionInput} changed no files; there is nothing to revert.`);
  const repo = ctx.deps.repos.open(id);
  const head = await repo.head();
  const { structuredPatch, applyPatch } = await loadDiff();
  const changes: FileChange[] = [];
  const expect: FileExpectation[] = [];
  const conflicts: string[] = [];
  for (const path of commit.files) {
    const [before, after, now] = await Promise.all([repo.readFile(path, parent), repo.readFile(path, revision), repo.readFile(path, head)]);
    const nowBlob = now?.blob ?? null;
    expect.push({ path, blob: nowBlob });
    if (nowBlob === (after?.blob ?? null)) {
      changes.push({ path, content: before?.content ?? null });
      continue;
    }
    // Changed again since: apply the inverse of the commit's change to what is there now.
    const [b, a, n] = [text(before), text(after), text(now)];
    if (!before || !after || !now || b === undefined || a === undefined || n === undefined) {
      conflicts.push(path);
      continue;
    }
    const merged = applyPatch(n, structuredPatch(path, path, a, b, '', '', { context: 3 }));
    if (merged === false) conflicts.push(path);
    else changes.push({ path, content: encoder.encode(merged) });
  }
  if (conflicts.length > 0) {
    throw new ConflictError(
      `Commit ${revisionInput} cannot be reverted automatically: ${conflicts.join(', ')} changed since in ways that overlap it. Edit ${conflicts.length === 1 ? 'it' : 'them'} by hand instead.`,
      { files: conflicts },
    );
  }
  const result = await repo.commit({
    changes,
    expect,
    message: input.message ?? `Reverted commit ${revisionInput}.`,
    author: gitAuthor(scope.identity!),
  });
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const publishing = new Publishing(ctx.deps, id);
  if (result.changed) await publishing.attempt('page index', () => indexFiles(ctx.deps, id, changes.map((c) => c.path), prefs));
  const removed = changes.filter((c) => c.content === null).map((c) => c.path);
  const written = changes.filter((c): c is FileChange & { content: Uint8Array } => c.content !== null);
  await publishing.removeFiles(removed);
  await publishing.pages(repo, written.map((c) => c.path), prefs, result.revision);
  for (const change of written) if (keyOfFile(change.path) === undefined) await publishing.attachment(change.path, change.content);
  // The set of pages changed when a page came back or went away.
  const pagesChanged = changes.some((c) => keyOfFile(c.path) !== undefined && (c.content === null || !expect.find((e) => e.path === c.path)?.blob));
  if (pagesChanged) await publishing.sidebar(repo, prefs);
  const { published, removed: removedKeys, unpublished } = publishing.report;
  return {
    revision: result.revision, reverted: revision, changed: result.changed, files: changes.map((c) => c.path),
    published, removed: removedKeys, unpublished,
  };
}
