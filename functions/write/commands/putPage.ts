import { commitMessageMode, pageSaveMessage } from '../../../shared/core/commitMessage';
import { PayloadTooLargeError } from '../../../shared/core/errors';
import { parsePageName, type PagePath } from '../../../shared/core/pagePath';
import { checkRenderBudget } from '../../../shared/core/render/renderBudget';
import type { WikiId } from '../../../shared/core/slugs';
import type { Preferences } from '../../../shared/ports/wikiDb';
import type { WikiHistory } from '../../../shared/ports/wikiHistory';
import type { WikiRepo } from '../../../shared/ports/wikiRepo';
import { gitAuthor } from '../../../shared/auth/identity';
import { gitBlobId } from '../blobId';
import type { CommandContext } from '../context';
import { formatBytes } from '../input';
import { namingOf } from '../naming';
import type { RenderedPage } from '../publisher';
import { indexFiles } from '../pageIndexing';
import { Publishing } from '../publishing';
import { resolveRevision } from '../revisions';
import { openWiki, type WikiScope } from '../wikiAccess';

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
 * record) with reading the settings and the page's current state, rendering, and making the
 * commit ready; the page index with publishing. Nothing is read back that the save itself wrote.
 * A commit lands only once access is granted, and a page that fails to commit is never published.
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
  const source = { content: bytes, blob: gitBlobId(bytes) };
  const opening = openWiki(ctx, id, 'write'); // first, so its network call is under way while the rest reads
  const reading = (async () => {
    const prefs = await ctx.deps.dbs.open(id).preferences();
    const page = parsePageName(rawPath, namingOf(prefs));
    return { prefs, page, existed: (await repo.blobOf(page.file)) !== undefined };
  })();
  const committing = commitWhileAccessIsChecked(ctx, { repo, history, opening, reading }, input, bytes);
  committing.catch(() => undefined); // a save refused by access or its reading leaves it unread
  const rendering = renderWhileAccessIsChecked(ctx, id, reading, source);
  const [access, state] = await Promise.allSettled([opening, reading]);
  // Access decides first: someone who may not write learns nothing about the page.
  if (access.status === 'rejected') {
    await committing.catch(() => undefined); // its temp files dropped and the ref lock released
    throw access.reason;
  }
  if (state.status === 'rejected') throw state.reason;
  const { prefs, page, existed } = state.value;
  const { revision, changed, date } = await committing;

  // The fragment (rendered already) goes out at once, with the index writes and the history index
  // the commit started.
  const publishing = new Publishing(ctx.deps, id);
  const known = changed && date ? { revision, date, files: new Map([[page.file, source]]) } : undefined;
  const putting = publishing.rendered(page.file, rendering.then((early) => early ?? ctx.deps.publisher.renderPage(id, page.file, source, prefs)));
  const indexing = changed ? publishing.attempt('page index', () => indexFiles(ctx.deps, id, [page.file], prefs, known)) : undefined;
  const sidebar = existed ? undefined : publishing.sidebar(repo, prefs);
  const [title] = await Promise.all([putting, indexing, sidebar]);
  const { published, unpublished } = publishing.report;
  return { path: page.name, revision, changed, created: !existed, title: title ?? page.name, published, unpublished };
}

/** The wiki's settings and the page as the save found them. */
interface PageState {
  readonly prefs: Preferences;
  readonly page: PagePath;
  readonly existed: boolean;
}

/** What a save has under way when its commit starts. */
interface SaveInFlight {
  readonly repo: WikiRepo;
  readonly history: WikiHistory;
  readonly opening: Promise<WikiScope>;
  readonly reading: Promise<PageState>;
}

/**
 * Makes the commit ready while the tenant record is fetched, for a caller whose token verifies:
 * its objects and the new id are written and synced under the ref lock, so the disk's round trip
 * (EFS's, on AWS) runs inside the network's. It lands only once access is granted
 * (CommitRequest.landsAfter); refused, it leaves nothing behind and tells nothing about the page.
 */
async function commitWhileAccessIsChecked(ctx: CommandContext, save: SaveInFlight, input: PutPageInput, bytes: Uint8Array) {
  const { repo, history, opening, reading } = save;
  const [{ prefs, page, existed }, verified] = await Promise.all([reading, ctx.identity()]);
  // Without a token there is nothing to prepare for: openWiki refuses a write (editor role).
  const identity = verified ?? (await opening).identity!;
  let expect;
  if (input.baseRevision !== undefined) {
    const base = await resolveRevision(history, input.baseRevision, 'baseRevision');
    expect = [{ path: page.file, blob: (await repo.blobOf(page.file, base)) ?? null }];
  }
  const message = pageSaveMessage({
    given: input.message,
    mode: commitMessageMode(prefs.COMMIT_MESSAGE),
    template: prefs.DEFAULT_COMMIT_MESSAGE,
    pageName: page.name,
    fallback: `${existed ? 'Updated' : 'Added'} ${page.name}.`,
    now: ctx.deps.clock.now(),
  });
  return repo.commit({
    changes: [{ path: page.file, content: bytes }],
    message,
    author: gitAuthor(identity),
    ...(expect ? { expect } : {}),
    landsAfter: opening,
  });
}

/**
 * Renders the page while the tenant record is fetched: CPU work in what would be a wait. Only for
 * a caller with a valid token (an anonymous request costs no render), and never published
 * unless access is granted and the commit lands. Its failure surfaces where the fragment is put.
 */
function renderWhileAccessIsChecked(
  ctx: CommandContext, id: WikiId, reading: Promise<PageState>, source: { content: Uint8Array; blob: string },
): Promise<RenderedPage | undefined> {
  const rendering = (async () => {
    const [{ prefs, page }, identity] = await Promise.all([reading, ctx.identity()]);
    return identity ? ctx.deps.publisher.renderPage(id, page.file, source, prefs) : undefined;
  })();
  rendering.catch(() => undefined); // awaited after the commit; a save refused before then leaves it unread
  return rendering;
}
