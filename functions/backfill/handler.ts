import type { Context } from 'aws-lambda';
import type { WikiId } from '../../shared/core/slugs';
import { parseWikiNames, runBackfill, type BackfillSummary } from './backfill';
import type { backfillDeps } from './wiring';
import { blobCheckpoint } from './checkpoint';
import { loadBackfillConfig } from './config';
import { lambdaLogging } from '../../shared/log';

/**
 * `{ "wiki": "user/wiki" | ["user/wiki", …], "force": true }`, or `{}` / `{ "all": true }` for
 * every wiki in the tenants table. Stops a minute before the Lambda timeout and keeps a
 * checkpoint in the bucket; invoking it again with the same event goes on from there.
 */
export interface BackfillEvent {
  readonly wiki?: string | readonly string[];
  readonly all?: boolean;
  readonly force?: boolean;
  /** Ignore an earlier run's checkpoint. */
  readonly restart?: boolean;
}

const config = loadBackfillConfig(process.env);
const logging = lambdaLogging('backfill', process.env);
/**
 * Clients are made once per instance, on first use; the wiring (with the AWS SDK clients the
 * operator's CLI shares) is a chunk of its own, so loading the handler stays cheap.
 */
let deps: ReturnType<typeof backfillDeps> | undefined;
const SAFETY_MS = 60_000;

export function wikisOf(event: BackfillEvent): 'all' | WikiId[] {
  if (event.wiki === undefined) return 'all';
  if (event.all) throw new Error('Give either "wiki" or "all", not both.');
  return parseWikiNames(typeof event.wiki === 'string' ? [event.wiki] : event.wiki);
}

export const handler = async (
  event: BackfillEvent = {},
  context?: Pick<Context, 'getRemainingTimeInMillis'> & Partial<Pick<Context, 'awsRequestId'>>,
): Promise<BackfillSummary> => {
  const log = logging.begin(context);
  deps ??= (await import('./wiring')).backfillDeps(config);
  const summary = await runBackfill(deps, {
    wikis: wikisOf(event ?? {}),
    force: event?.force === true,
    restart: event?.restart === true,
    checkpoint: blobCheckpoint(deps.blobs, config.checkpointKey),
    shouldStop: context ? () => context.getRemainingTimeInMillis() < SAFETY_MS : undefined,
    progress: {
      start: (pages, wikis) => log.info('start', { pages, wikis }),
      page: () => undefined,
      wiki: (r) => log.info('wiki done', {
        wiki: r.wiki, pages: r.pages, published: r.published, skipped: r.skipped,
        deleted: r.deleted.length, failed: r.failed, complete: r.complete,
      }),
      stop: () => undefined,
    },
  });
  log.info('done', { ...summary, failed: summary.failed.length });
  return summary;
};
