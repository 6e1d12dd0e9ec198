import { keyOfFile } from '../../shared/core/pagePath';
import { parseWikiId, type WikiId } from '../../shared/core/slugs';
import type { Checkpoint, CheckpointStore } from './checkpoint';
import type { WikiListing } from './listWikis';
import { reconcileWiki, type PageAction, type ReconcileDeps, type ReconcileResult } from './reconcile';

export interface BackfillDeps extends ReconcileDeps {
  /** Every live wiki (for `all`): listAllWikis on the tenants table. */
  listWikis(): Promise<WikiListing[]>;
  /** One wiki's record, undefined when there is none. */
  getWiki(id: WikiId): Promise<WikiListing | undefined>;
}

/** Told what happens, for a progress bar or log lines. */
export interface BackfillProgress {
  start(totalPages: number, wikis: number): void;
  page(wiki: string, file: string, action: PageAction): void;
  wiki(result: ReconcileResult): void;
  stop(): void;
}

export interface BackfillOptions {
  /** `all` wikis of the tenants table, or these. */
  readonly wikis: 'all' | readonly WikiId[];
  readonly force?: boolean;
  readonly concurrency?: number;
  readonly checkpoint?: CheckpointStore;
  /** Ignore (and replace) a checkpoint left by an interrupted run. */
  readonly restart?: boolean;
  readonly progress?: BackfillProgress;
  /** Asked between pages: true stops early, leaving a checkpoint (a Lambda near its timeout). */
  readonly shouldStop?: () => boolean;
  /** Checkpoints are written at most this often while a wiki is under way. Default 1000 ms. */
  readonly checkpointEveryMs?: number;
}

export interface BackfillSummary {
  readonly wikis: number;
  readonly pages: number;
  readonly published: number;
  readonly skipped: number;
  readonly deleted: number;
  readonly failed: readonly { readonly wiki: string; readonly what: string; readonly error: string }[];
  readonly seconds: number;
  /** (published + skipped) / seconds. */
  readonly pagesPerSecond: number;
  /** False when stopped early; the checkpoint says where to go on. */
  readonly complete: boolean;
  /** Wikis skipped because a checkpoint said they were done. */
  readonly resumedPastWikis: number;
}

const nameOf = (id: WikiId) => `${id.user}/${id.wiki}`;

/**
 * Reconciles every wiki in scope (DESIGN §6): renders and publishes the pages whose fragment is
 * missing or stale, skips the others, and resumes from a checkpoint after an interruption (done
 * wikis are skipped; within the interrupted wiki, pages up to the saved file).
 */
export async function runBackfill(deps: BackfillDeps, options: BackfillOptions): Promise<BackfillSummary> {
  const started = performance.now();
  const force = options.force ?? false;
  const wikis = options.wikis === 'all' ? await deps.listWikis() : await named(deps, options.wikis);
  const scope = options.wikis === 'all' ? 'all' : wikis.map(nameOf).sort().join(',');

  const saved = options.restart ? undefined : await options.checkpoint?.load();
  const resume = saved && saved.scope === scope && saved.force === force ? saved : undefined;
  const done = new Set(resume?.done ?? []);
  const todo = wikis.filter((w) => !done.has(nameOf(w)));

  // Count pages up front so the progress bar has a total (a tree walk per wiki, no contents).
  let total = 0;
  for (const wiki of todo) {
    const repo = deps.repos.open(wiki);
    if (!(await repo.exists())) continue;
    const files = await repo.listBlobs();
    const after = resume?.current?.wiki === nameOf(wiki) ? resume.current.after : undefined;
    total += new Set(files.filter((f) => keyOfFile(f.path) && (!after || f.path > after)).map((f) => keyOfFile(f.path))).size;
  }
  options.progress?.start(total, todo.length);

  const finished = [...(resume?.done ?? [])];
  let state: Checkpoint = {
    version: 1, scope, force, done: finished, current: resume?.current, updatedAt: new Date().toISOString(),
  };
  let lastSave = 0;
  const save = async (force = false) => {
    if (!options.checkpoint) return;
    const now = Date.now();
    if (!force && now - lastSave < (options.checkpointEveryMs ?? 1000)) return;
    lastSave = now;
    state = { ...state, updatedAt: new Date().toISOString() };
    await options.checkpoint.save(state);
  };

  const totals = { pages: 0, published: 0, skipped: 0, deleted: 0 };
  const failed: { wiki: string; what: string; error: string }[] = [];
  let complete = true;
  let pending: Promise<void> = Promise.resolve();
  for (const wiki of todo) {
    const name = nameOf(wiki);
    if (options.shouldStop?.()) {
      complete = false;
      break;
    }
    let result: ReconcileResult;
    try {
      result = await reconcileWiki(deps, wiki, {
        force,
        concurrency: options.concurrency,
        resumeAfter: resume?.current?.wiki === name ? resume.current.after : undefined,
        shouldStop: options.shouldStop,
        onPage: (file, action) => options.progress?.page(name, file, action),
        onWatermark: (after) => {
          state = { ...state, current: { wiki: name, after } };
          pending = pending.then(() => save()).catch(() => undefined);
        },
      });
    } catch (error) {
      failed.push({ wiki: name, what: 'wiki', error: String((error as Error).message ?? error) });
      continue;
    }
    await pending;
    totals.pages += result.pages;
    totals.published += result.published;
    totals.skipped += result.skipped;
    totals.deleted += result.deleted.length;
    failed.push(...result.failed.map((f) => ({ wiki: name, ...f })));
    options.progress?.wiki(result);
    if (!result.complete) {
      complete = false;
      break;
    }
    // A wiki with failures is not done: a resumed run goes through it again.
    if (result.failed.length === 0) finished.push(name);
    state = { ...state, done: [...finished], current: undefined };
    await save(true);
  }
  options.progress?.stop();
  if (complete && failed.length === 0) await options.checkpoint?.clear();
  else await save(true);

  const seconds = (performance.now() - started) / 1000;
  return {
    wikis: todo.length,
    ...totals,
    failed,
    seconds,
    pagesPerSecond: seconds > 0 ? (totals.published + totals.skipped) / seconds : 0,
    complete,
    resumedPastWikis: wikis.length - todo.length,
  };
}

async function named(deps: BackfillDeps, ids: readonly WikiId[]): Promise<WikiListing[]> {
  const out: WikiListing[] = [];
  for (const id of ids) {
    const record = await deps.getWiki(id);
    if (!record) throw new Error(`There is no wiki ${nameOf(id)} in the tenants table.`);
    out.push(record);
  }
  return out;
}

/** `user/wiki` names (CLI flags, Lambda events) → validated ids. */
export function parseWikiNames(names: readonly string[]): WikiId[] {
  return names.map((name) => {
    const [user, wiki, ...rest] = String(name).split('/');
    if (rest.length > 0 || wiki === undefined) throw new Error(`"${name}" is not user/wiki.`);
    return parseWikiId(user, wiki);
  });
}
