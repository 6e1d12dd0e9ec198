import { commitMessageMode, pageSaveMessage } from '../../../shared/core/commitMessage';
import { PayloadTooLargeError } from '../../../shared/core/errors';
import { parsePageName } from '../../../shared/core/pagePath';
import { checkRenderBudget } from '../../../shared/core/render/renderBudget';
import type { WikiId } from '../../../shared/core/slugs';
import { gitAuthor } from '../../../shared/auth/identity';
import { gitBlobId } from '../blobId';
import type { CommandContext } from '../context';
import { formatBytes } from '../input';
import { namingOf } from '../naming';
import { indexFiles } from '../pageIndexing';
import { Publishing } from '../publishing';
import { resolveRevision } from '../revisions';
import { openWiki } from '../wikiAccess';

export interface PutPageInput {
  readonly content: string;
  /** Cleaned (shared/core/commitMessage cleanCommitMessage); undefined when none was given. */
  readonly message?: string;
  /** The revision the caller's edit is based on: a newer change to this page → 409. */
  readonly baseRevision?: string;
}

const encoder = new TextEncoder();

/**
 * Saves a page: one commit (none when unchanged), then its fragment and, for a new page, the
 * sidebar. What does not depend on each other runs together: the access check (token, tenant
 * record) with reading the settings and the page's current state; the page index with
 * rendering and publishing. Nothing is read back that the save itself wrote. A page that fails
 * to commit is never rendered.
 */
export async function putPage(ctx: CommandContext, id: WikiId, rawPath: string, input: PutPageInput) {
  const bytes = encoder.encode(input.content);
  if (bytes.length > ctx.limits.maxPageBytes) {
    throw new PayloadTooLargeError(`A page may be at most ${formatBytes(ctx.limits.maxPageBytes)} (${ctx.limits.maxPageBytes} bytes).`);
  }
  // A page that would cost too much to render is refused before the commit (422), not after it.
  checkRenderBudget(input.content);
  const repo = ctx.deps.repos.open(id);
  const history = ctx.deps.history.open(id);
  const [access, state] = await Promise.allSettled([
    openWiki(ctx, id, 'write'),
    (async () => {
      const prefs = await ctx.deps.dbs.open(id).preferences();
      const page = parsePageName(rawPath, namingOf(prefs));
      return { prefs, page, existed: (await repo.readFile(page.file)) !== undefined };
    })(),
  ]);
  // Access decides first: someone who may not write learns nothing about the page.
  if (access.status === 'rejected') throw access.reason;
  if (state.status === 'rejected') throw state.reason;
  const scope = access.value;
  const { prefs, page, existed } = state.value;
  let expect;
  if (input.baseRevision !== undefined) {
    const base = await resolveRevision(history, input.baseRevision, 'baseRevision');
    expect = [{ path: page.file, blob: (await repo.readFile(page.file, base))?.blob ?? null }];
  }
  const source = { content: bytes, blob: gitBlobId(bytes) };
  const message = pageSaveMessage({
    given: input.message,
    mode: commitMessageMode(prefs.COMMIT_MESSAGE),
    template: prefs.DEFAULT_COMMIT_MESSAGE,
    pageName: page.name,
    fallback: `${existed ? 'Updated' : 'Added'} ${page.name}.`,
    now: ctx.deps.clock.now(),
  });
  const { revision, changed, date } = await repo.commit({
    changes: [{ path: page.file, content: bytes }],
    message,
    author: gitAuthor(scope.identity!),
    ...(expect ? { expect } : {}),
  });

  // The index writes (and the history index the commit started) go out first; rendering, which
  // is CPU only, runs while they wait on the disk, and its fragment is put once it is ready.
  const publishing = new Publishing(ctx.deps, id);
  const known = changed && date ? { revision, date, files: new Map([[page.file, source]]) } : undefined;
  const indexing = changed ? publishing.attempt('page index', () => indexFiles(ctx.deps, id, [page.file], prefs, known)) : undefined;
  const sidebar = existed ? undefined : publishing.sidebar(repo, prefs);
  const [title] = await Promise.all([
    publishing.rendered(page.file, ctx.deps.publisher.renderPage(id, page.file, source, prefs)),
    indexing,
    sidebar,
  ]);
  const { published, unpublished } = publishing.report;
  return { path: page.name, revision, changed, created: !existed, title: title ?? page.name, published, unpublished };
}
