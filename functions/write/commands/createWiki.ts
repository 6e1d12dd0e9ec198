import { ForbiddenError } from '../../../shared/core/errors';
import type { WikiId } from '../../../shared/core/slugs';
import { gitAuthor } from '../../../shared/auth/identity';
import type { Visibility, WikiRecord } from '../../../shared/ports/tenantStore';
import type { CommandContext } from '../context';
import { rebuildPageIndex } from '../pageIndexing';
import { Publishing } from '../publishing';
import { requireIdentity } from '../wikiAccess';
import { wikiView } from './getWiki';

export interface CreateWikiInput {
  readonly id: WikiId;
  readonly title?: string;
  readonly visibility?: Visibility;
}

const encoder = new TextEncoder();
const homePage = (title: string) =>
  `# ${title}\n\nWelcome to your new wiki. Edit this page, or link new pages like [[Getting Started]].\n`;

/** Creates a wiki in the caller's own namespace: record, repository (`Initial commit`), wiki.db, fragments. */
export async function createWiki(ctx: CommandContext, input: CreateWikiInput) {
  const identity = await requireIdentity(ctx);
  const { id } = input;
  if (identity.sub !== id.user) {
    throw new ForbiddenError(`Only ${id.user} can create wikis in the ${id.user} namespace; you are signed in as ${identity.sub}.`);
  }
  const { tenants, repos, dbs, clock } = ctx.deps;
  const title = input.title?.trim() || id.wiki;
  const now = clock.now().toISOString();
  const record: WikiRecord = {
    ...id, title, visibility: input.visibility ?? 'public', owner: identity.sub, createdAt: now, updatedAt: now,
  };
  // The conditional put claims the name first, so two racing creates cannot both build a repo.
  await tenants.createWiki(record);
  const repo = repos.open(id);
  let revision: string;
  try {
    ({ revision } = await repo.create({
      changes: [{ path: 'home.md', content: encoder.encode(homePage(title)) }],
      message: 'Initial commit',
      author: gitAuthor(identity),
    }));
    await dbs.open(id).create({ SITE_NAME: title });
  } catch (error) {
    await tenants.deleteWiki(id, now);
    throw error;
  }
  const prefs = await dbs.open(id).preferences();
  const publishing = new Publishing(ctx.deps, id);
  // A new wiki starts with its index, so saves keep it current from the first one.
  await publishing.attempt('page index', async () => void (await rebuildPageIndex(ctx.deps, id, prefs, { force: true })));
  await publishing.shell(prefs, title);
  await publishing.sidebar(repo, prefs);
  await publishing.pages(repo, await repo.listFiles(revision), prefs, revision);
  const { published, unpublished } = publishing.report;
  return { ...wikiView(record, 'admin'), revision, published, unpublished };
}
