import { NotFoundError } from '../../../shared/core/errors';
import { parsePageName } from '../../../shared/core/pagePath';
import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { namingOf, pageTitle } from '../naming';
import { resolveRevision } from '../revisions';
import { openWiki } from '../wikiAccess';

const decoder = new TextDecoder();

/** A page's markdown, at the head or at `revision`. */
export async function getPage(ctx: CommandContext, id: WikiId, rawPath: string, at?: string) {
  await openWiki(ctx, id, 'read');
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const page = parsePageName(rawPath, namingOf(prefs));
  const repo = ctx.deps.repos.open(id);
  const revision = at === undefined ? await repo.head() : await resolveRevision(ctx.deps.history.open(id), at, 'revision');
  const file = await repo.readFile(page.file, revision);
  if (!file) {
    throw new NotFoundError(`There is no page "${page.name}" in ${id.user}/${id.wiki}${at === undefined ? '' : ` at ${at}`}.`);
  }
  const content = decoder.decode(file.content);
  return { path: page.name, content, revision, title: pageTitle(page.file, content, prefs) };
}
