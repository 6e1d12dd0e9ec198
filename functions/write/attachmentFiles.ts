import { attachmentUrl, contentTypeOf } from '../../shared/core/attachments';
import { NotFoundError } from '../../shared/core/errors';
import { attachmentFolderOf, parsePageName, type PagePath } from '../../shared/core/pagePath';
import type { WikiId } from '../../shared/core/slugs';
import type { CommitInfo } from '../../shared/ports/wikiHistory';
import type { WikiRepo } from '../../shared/ports/wikiRepo';
import type { CommandContext } from './context';
import { namingOf } from './naming';

/** The page whose attachments a request is about; it must exist. */
export async function attachmentPage(ctx: CommandContext, id: WikiId, rawPath: string): Promise<{ page: PagePath; repo: WikiRepo; head: string }> {
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const page = parsePageName(rawPath, namingOf(prefs));
  const repo = ctx.deps.repos.open(id);
  const head = await repo.head();
  if (!(await repo.readFile(page.file, head))) {
    throw new NotFoundError(`There is no page "${page.name}" in ${id.user}/${id.wiki} to hold attachments.`);
  }
  return { page, repo, head };
}

/** The git path of an attachment: in the page's folder (Otter Wiki: the page file without `.md`). */
export const attachmentPath = (page: PagePath, name: string) => `${attachmentFolderOf(page.file)}/${name}`;

/** Attachment metadata as the API shows it; the bytes are served by the distribution at `url`. */
export function attachmentView(id: WikiId, page: PagePath, name: string, size: number, change?: CommitInfo) {
  return {
    name,
    size,
    contentType: contentTypeOf(name),
    url: attachmentUrl(id, page.key, name),
    lastChange: change ? { revision: change.revision, author: change.author, date: change.date, message: change.message } : null,
  };
}
