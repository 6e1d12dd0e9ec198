import { commitMessageMode, pageSaveMessage } from '../../../shared/core/commitMessage';
import { PayloadTooLargeError } from '../../../shared/core/errors';
import { parsePageName } from '../../../shared/core/pagePath';
import { checkRenderBudget } from '../../../shared/core/render/renderBudget';
import type { WikiId } from '../../../shared/core/slugs';
import { gitAuthor } from '../../../shared/auth/identity';
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

/** Saves a page: one commit (none when unchanged), then its fragment and, for a new page, the sidebar. */
export async function putPage(ctx: CommandContext, id: WikiId, rawPath: string, input: PutPageInput) {
  const bytes = encoder.encode(input.content);
  if (bytes.length > ctx.limits.maxPageBytes) {
    throw new PayloadTooLargeError(`A page may be at most ${formatBytes(ctx.limits.maxPageBytes)} (${ctx.limits.maxPageBytes} bytes).`);
  }
  // A page that would cost too much to render is refused before the commit (422), not after it.
  checkRenderBudget(input.content);
  const scope = await openWiki(ctx, id, 'write');
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const page = parsePageName(rawPath, namingOf(prefs));
  const repo = ctx.deps.repos.open(id);
  const history = ctx.deps.history.open(id);
  let expect;
  if (input.baseRevision !== undefined) {
    const base = await resolveRevision(history, input.baseRevision, 'baseRevision');
    expect = [{ path: page.file, blob: (await repo.readFile(page.file, base))?.blob ?? null }];
  }
  const existed = (await repo.readFile(page.file)) !== undefined;
  const message = pageSaveMessage({
    given: input.message,
    mode: commitMessageMode(prefs.COMMIT_MESSAGE),
    template: prefs.DEFAULT_COMMIT_MESSAGE,
    pageName: page.name,
    fallback: `${existed ? 'Updated' : 'Added'} ${page.name}.`,
    now: ctx.deps.clock.now(),
  });
  const { revision, changed } = await repo.commit({
    changes: [{ path: page.file, content: bytes }],
    message,
    author: gitAuthor(scope.identity!),
    ...(expect ? { expect } : {}),
  });

  const publishing = new Publishing(ctx.deps, id);
  if (changed) await publishing.attempt('page index', () => indexFiles(ctx.deps, id, [page.file], prefs));
  const title = (await publishing.page(repo, page.file, prefs, revision)) ?? page.name;
  if (!existed) await publishing.sidebar(repo, prefs);
  const { published, unpublished } = publishing.report;
  return { path: page.name, revision, changed, created: !existed, title, published, unpublished };
}
