import { NotFoundError } from '../../../shared/core/errors';
import { parsePageName } from '../../../shared/core/pagePath';
import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { namingOf } from '../naming';
import { resolveRevision } from '../revisions';
import { openWiki } from '../wikiAccess';
import { once } from '../../../shared/core/once';

// Loaded on the first call only: most requests of an instance never need it.
const loadDiff = once(() => import('diff'));

const decoder = new TextDecoder();

/**
 * How a page changed between two revisions (`to` defaults to the head): a unified diff and its
 * hunks. A page missing at one side counts as empty (created or deleted in between).
 */
export async function pageDiff(ctx: CommandContext, id: WikiId, rawPath: string, query: { from: string; to?: string }) {
  await openWiki(ctx, id, 'read');
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const page = parsePageName(rawPath, namingOf(prefs));
  const history = ctx.deps.history.open(id);
  const repo = ctx.deps.repos.open(id);
  const from = await resolveRevision(history, query.from, 'from');
  const to = query.to === undefined ? await repo.head() : await resolveRevision(history, query.to, 'to');
  const [before, after] = await Promise.all([repo.readFile(page.file, from), repo.readFile(page.file, to)]);
  if (!before && !after) throw new NotFoundError(`There is no page "${page.name}" at either revision.`);
  const oldText = before ? decoder.decode(before.content) : '';
  const newText = after ? decoder.decode(after.content) : '';
  // Loaded on first use: only diff requests pay for it.
  const { structuredPatch, formatPatch } = await loadDiff();
  const patch = structuredPatch(`a/${page.file}`, `b/${page.file}`, oldText, newText, from, to, { context: 3 });
  return {
    path: page.name,
    from,
    to,
    unified: formatPatch(patch),
    hunks: patch.hunks.map(({ oldStart, oldLines, newStart, newLines, lines }) => ({ oldStart, oldLines, newStart, newLines, lines })),
  };
}
