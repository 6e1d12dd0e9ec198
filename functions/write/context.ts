import type { Identity } from '../../shared/auth/identity';
import type { BlobStore } from '../../shared/ports/blobStore';
import type { Clock } from '../../shared/ports/clock';
import type { GitTransportProvider } from '../../shared/ports/gitTransport';
import type { PageIndexProvider } from '../../shared/ports/pageIndex';
import type { TenantStore } from '../../shared/ports/tenantStore';
import type { WikiDbProvider } from '../../shared/ports/wikiDb';
import type { WikiHistoryProvider } from '../../shared/ports/wikiHistory';
import type { WikiRepoProvider } from '../../shared/ports/wikiRepo';
import type { WikiStorage } from '../../shared/ports/wikiStorage';
import type { Limits } from './config';
import type { Publisher } from './publisher';

/** The write function's backends, wired once per cold start (app.ts productionDeps). */
export interface WriteDeps {
  readonly tenants: TenantStore;
  readonly repos: WikiRepoProvider;
  /** The repositories as git's wire protocol sees them (clone, fetch, push: functions/write/git). */
  readonly git: GitTransportProvider;
  readonly history: WikiHistoryProvider;
  readonly dbs: WikiDbProvider;
  /** Each wiki's page index (A–Z, sitemap, search), kept current at save time (functions/write/pageIndexing.ts). */
  readonly pageIndex: PageIndexProvider;
  /** The wiki folders as a whole (trash on delete). */
  readonly storage: WikiStorage;
  /** The bucket: attachments and fragment deletions (fragments are rendered by the publisher). */
  readonly blobs: BlobStore;
  readonly publisher: Publisher;
  readonly clock: Clock;
  readonly log: (entry: Record<string, unknown>) => void;
  /** Resolves when the work commits left running beside the request (history indexing) is done. */
  readonly settled: () => Promise<void>;
}

/** What every command gets: the backends, the limits, and the caller (resolved once, on demand). */
export interface CommandContext {
  readonly deps: WriteDeps;
  readonly limits: Limits;
  /** The verified caller, undefined when anonymous; throws UnauthorizedError for a bad token. */
  identity(): Promise<Identity | undefined>;
}
