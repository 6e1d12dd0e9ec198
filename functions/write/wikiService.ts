import {
  ForbiddenError, InvalidInputError, NotFoundError, PayloadTooLargeError, UnauthorizedError,
} from '../../shared/core/errors';
import { parsePagePath } from '../../shared/core/pagePath';
import { renderPage } from '../../shared/core/render/renderPage';
import { titleFromFileName } from '../../shared/core/title';
import type { WikiId } from '../../shared/core/slugs';
import { gitAuthor, type Identity } from '../../shared/auth/identity';
import type { Clock } from '../../shared/ports/clock';
import type { TenantStore, Visibility, WikiRecord } from '../../shared/ports/tenantStore';
import type { WikiDbProvider } from '../../shared/ports/wikiDb';
import type { WikiRepoProvider } from '../../shared/ports/wikiRepo';
import { basePathOf, type Publisher } from './publisher';

export const MAX_PAGE_BYTES = 1024 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface WriteDeps {
  readonly tenants: TenantStore;
  readonly repos: WikiRepoProvider;
  readonly dbs: WikiDbProvider;
  readonly publisher: Publisher;
  readonly clock: Clock;
  readonly log: (entry: Record<string, unknown>) => void;
}

export interface CreateWikiInput {
  readonly title?: string;
  readonly visibility?: Visibility;
}

export interface PutPageResult {
  readonly path: string;
  readonly revision: string;
  readonly changed: boolean;
  readonly created: boolean;
  readonly title: string;
  readonly published: string[];
  /** Fragments that could not be published; the commit stands and a reconcile pass repairs them. */
  readonly unpublished: string[];
}

const homePage = (title: string) =>
  `# ${title}\n\nWelcome to your new wiki. Edit this page, or link new pages like [[Getting Started]].\n`;

/** The write side of a wiki: validates, commits to git, then publishes fragments. */
export class WikiService {
  constructor(private readonly deps: WriteDeps) {}

  async createWiki(identity: Identity | undefined, id: WikiId, input: CreateWikiInput) {
    requireOwner(identity, id);
    const title = input.title?.trim() || id.wiki;
    const now = this.deps.clock.now().toISOString();
    const record: WikiRecord = {
      ...id, title, visibility: input.visibility ?? 'public', owner: identity.sub, createdAt: now, updatedAt: now,
    };
    // The conditional put claims the name first, so two racing creates cannot both build a repo.
    await this.deps.tenants.createWiki(record);
    let revision: string;
    try {
      const repo = this.deps.repos.open(id);
      ({ revision } = await repo.create({
        changes: [{ path: 'home.md', content: encoder.encode(homePage(title)) }],
        message: 'Initial commit',
        author: gitAuthor(identity),
      }));
      await this.deps.dbs.open(id).create({ SITE_NAME: title });
    } catch (error) {
      await this.deps.tenants.deleteWiki(id);
      throw error;
    }
    const { published, unpublished } = await this.publishAll(id, title);
    return { ...record, revision, url: `${basePathOf(id)}/`, published, unpublished };
  }

  async getPage(identity: Identity | undefined, id: WikiId, rawPath: string) {
    const record = await this.wiki(id);
    if (record.visibility === 'private') requireOwner(identity, id);
    const prefs = await this.deps.dbs.open(id).preferences();
    const page = parsePagePath(rawPath, { retainCase: prefs.RETAIN_PAGE_NAME_CASE === 'True' });
    const repo = this.deps.repos.open(id);
    const revision = await repo.head();
    const file = await repo.readFile(page.file, revision);
    if (!file) throw new NotFoundError(`There is no page "${page.name}" in ${id.user}/${id.wiki}.`);
    const content = decoder.decode(file.content);
    const title = renderPage(content, { basePath: basePathOf(id) }).title ?? titleFromFileName(page.file);
    return { path: page.name, content, revision, title };
  }

  async putPage(
    identity: Identity | undefined,
    id: WikiId,
    rawPath: string,
    input: { content: unknown; message: unknown },
  ): Promise<PutPageResult> {
    requireOwner(identity, id);
    if (typeof input.content !== 'string') throw new InvalidInputError('"content" must be a string of markdown.');
    if (input.message !== undefined && typeof input.message !== 'string') {
      throw new InvalidInputError('"message" must be a string when given.');
    }
    const bytes = encoder.encode(input.content);
    if (bytes.length > MAX_PAGE_BYTES) throw new PayloadTooLargeError('A page may be at most 1 MiB.');
    await this.wiki(id);
    const db = this.deps.dbs.open(id);
    const prefs = await db.preferences();
    const page = parsePagePath(rawPath, { retainCase: prefs.RETAIN_PAGE_NAME_CASE === 'True' });
    const repo = this.deps.repos.open(id);
    const existed = (await repo.readFile(page.file)) !== undefined;
    const message = input.message?.trim() || `${existed ? 'Updated' : 'Added'} ${page.name}.`;
    const { revision, changed } = await repo.commit({
      changes: [{ path: page.file, content: bytes }],
      message,
      author: gitAuthor(identity),
    });

    const published: string[] = [];
    const unpublished: string[] = [];
    let title = page.name;
    const blob = (await repo.readFile(page.file, revision))!;
    await this.attempt(published, unpublished, `page ${page.key}`, async () => {
      const out = await this.deps.publisher.publishPage(id, page.file, blob, prefs);
      title = out.title;
      return out.key;
    });
    if (!existed) {
      await this.attempt(published, unpublished, 'sidebar', () => this.deps.publisher.publishSidebar(id, repo, prefs));
    }
    return { path: page.name, revision, changed, created: !existed, title, published, unpublished };
  }

  private async publishAll(id: WikiId, fallbackName: string) {
    const published: string[] = [];
    const unpublished: string[] = [];
    const repo = this.deps.repos.open(id);
    const prefs = await this.deps.dbs.open(id).preferences();
    await this.attempt(published, unpublished, 'shell', () => this.deps.publisher.publishShell(id, prefs, fallbackName));
    await this.attempt(published, unpublished, 'sidebar', () => this.deps.publisher.publishSidebar(id, repo, prefs));
    for (const file of await repo.listFiles()) {
      if (!file.endsWith('.md')) continue;
      const source = (await repo.readFile(file))!;
      await this.attempt(published, unpublished, `page ${file}`, async () =>
        (await this.deps.publisher.publishPage(id, file, source, prefs)).key,
      );
    }
    return { published, unpublished };
  }

  /** Publishing is best effort: git already holds the change, so a failure is reported, not thrown. */
  private async attempt(published: string[], unpublished: string[], what: string, work: () => Promise<string>) {
    try {
      published.push(await work());
    } catch (error) {
      this.deps.log({ level: 'WARN', message: `Could not publish ${what}`, error: String(error) });
      unpublished.push(what);
    }
  }

  private async wiki(id: WikiId): Promise<WikiRecord> {
    const record = await this.deps.tenants.getWiki(id);
    if (!record) throw new NotFoundError(`There is no wiki ${id.user}/${id.wiki}.`);
    return record;
  }
}

function requireOwner(identity: Identity | undefined, id: WikiId): asserts identity is Identity {
  if (!identity) throw new UnauthorizedError();
  if (identity.sub !== id.user) {
    throw new ForbiddenError(`Only ${id.user} can write to the ${id.user} namespace; you are signed in as ${identity.sub}.`);
  }
}
