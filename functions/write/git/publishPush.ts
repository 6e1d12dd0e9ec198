import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { indexFiles } from '../pageIndexing';
import { Publishing } from '../publishing';
import type { ChangedFile } from './pushRules';

export interface PushPublishResult {
  readonly pages: number;
  readonly attachments: number;
  readonly removed: number;
  /** Pages left for the backfill pass when the time budget ran out. */
  readonly deferred: number;
  readonly unpublished: readonly string[];
}

/** How long a push may spend publishing before it leaves the rest to backfill (API Gateway stops at 29 s). */
export const PUBLISH_BUDGET_MS = 15_000;

/**
 * A push publishes like a save: the page index, every changed page's fragment, attachments,
 * removals, the sidebar when the set of pages changed; the distribution's cache follows from the
 * bucket's events, as for every save (functions/invalidate). Work past
 * the time budget is left to the backfill pass (docs/git.md), which repairs fragments from git.
 */
export async function publishPush(ctx: CommandContext, id: WikiId, files: readonly ChangedFile[], now: () => number = Date.now): Promise<PushPublishResult> {
  const started = now();
  const repo = ctx.deps.repos.open(id);
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const head = await repo.head();
  const publishing = new Publishing(ctx.deps, id);
  const isPage = (f: ChangedFile) => /\.md$/i.test(f.path);
  const pages = files.filter((f) => isPage(f) && f.blob !== null);
  const attachments = files.filter((f) => !isPage(f) && f.blob !== null);
  const removed = files.filter((f) => f.blob === null);

  await publishing.attempt('page index', () => indexFiles(ctx.deps, id, files.filter(isPage).map((f) => f.path), prefs));
  let done = 0;
  for (const page of pages) {
    if (now() - started > PUBLISH_BUDGET_MS) break;
    await publishing.page(repo, page.path, prefs, head);
    done++;
  }
  for (const file of attachments) await publishing.attachment(file.path, await repo.readBlob(file.blob!));
  await publishing.removeFiles(removed.map((f) => f.path));
  const pageSetChanged = files.some((f) => isPage(f) && (f.blob === null || f.added));
  if (pageSetChanged) await publishing.sidebar(repo, prefs);
  return {
    pages: done,
    attachments: attachments.length,
    removed: removed.length,
    deferred: pages.length - done,
    unpublished: publishing.report.unpublished,
  };
}
