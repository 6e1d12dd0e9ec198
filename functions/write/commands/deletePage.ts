import { NotFoundError } from '../../../shared/core/errors';
import { attachmentFolderOf, parsePageName } from '../../../shared/core/pagePath';
import type { WikiId } from '../../../shared/core/slugs';
import { gitAuthor } from '../../../shared/auth/identity';
import type { CommandContext } from '../context';
import { namingOf } from '../naming';
import { indexFiles } from '../pageIndexing';
import { Publishing } from '../publishing';
import { resolveRevision } from '../revisions';
import { openWiki } from '../wikiAccess';

export interface DeletePageInput {
  readonly message?: string;
  readonly baseRevision?: string;
}

/** The page's file and everything in its folder (attachments and subpages), as Otter Wiki moves and deletes them. */
export function filesOfPage(files: readonly string[], pageFile: string): string[] {
  const folder = `${attachmentFolderOf(pageFile)}/`;
  return files.filter((f) => f === pageFile || f.startsWith(folder));
}

/**
 * Deletes a page like Otter Wiki does: the page file and its whole folder (attachments and
 * subpages) in one commit, `{page} deleted.` by default; then their fragments and attachment
 * objects leave the bucket and the sidebar is republished.
 */
export async function deletePage(ctx: CommandContext, id: WikiId, rawPath: string, input: DeletePageInput) {
  const scope = await openWiki(ctx, id, 'write');
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const page = parsePageName(rawPath, namingOf(prefs));
  const repo = ctx.deps.repos.open(id);
  const head = await repo.head();
  const files = filesOfPage(await repo.listFiles(head), page.file).sort();
  if (files.length === 0) throw new NotFoundError(`There is no page "${page.name}" in ${id.user}/${id.wiki}.`);
  let expect;
  if (input.baseRevision !== undefined) {
    const base = await resolveRevision(ctx.deps.history.open(id), input.baseRevision, 'baseRevision');
    expect = [{ path: page.file, blob: (await repo.blobOf(page.file, base)) ?? null }];
  }
  const { revision } = await repo.commit({
    changes: files.map((path) => ({ path, content: null })),
    message: input.message ?? `${page.name} deleted.`,
    author: gitAuthor(scope.identity!),
    ...(expect ? { expect } : {}),
  });
  const publishing = new Publishing(ctx.deps, id);
  await publishing.attempt('page index', () => indexFiles(ctx.deps, id, files, prefs));
  await publishing.removeFiles(files);
  await publishing.sidebar(repo, prefs);
  const { published, removed, unpublished } = publishing.report;
  return { path: page.name, revision, deleted: files, published, removed, unpublished };
}
