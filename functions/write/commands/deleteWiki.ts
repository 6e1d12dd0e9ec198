import { fragmentPrefix } from '../../../shared/core/fragments/keys';
import { attachmentPrefixOf } from '../../../shared/core/attachments';
import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { Publishing } from '../publishing';
import { openWiki } from '../wikiAccess';

/**
 * Deletes a wiki (admin): its folder (repository and wiki.db) moves to the trash on EFS, never
 * destroyed; the record is marked deleted and its members dropped, so the name is free again;
 * then its fragments and attachments leave the bucket (failures are listed, git data is safe).
 */
export async function deleteWiki(ctx: CommandContext, id: WikiId) {
  await openWiki(ctx, id, 'admin');
  const { storage, tenants, blobs, clock } = ctx.deps;
  const now = clock.now();
  // Trash first: if that fails, nothing is marked and the wiki stays whole.
  const trash = await storage.moveToTrash(id, now);
  await tenants.deleteWiki(id, now.toISOString());
  const publishing = new Publishing(ctx.deps, id);
  for (const prefix of [`${fragmentPrefix(id)}/`, attachmentPrefixOf(id)]) {
    let keys: string[] = [];
    try {
      keys = await blobs.list(prefix);
    } catch (error) {
      ctx.deps.log({ level: 'WARN', message: `Could not list ${prefix}`, error: String(error) });
      publishing.report.unpublished.push(`remove ${prefix}*`);
    }
    for (const key of keys) await publishing.remove(key);
  }
  const { removed, unpublished } = publishing.report;
  ctx.deps.log({ level: 'INFO', message: 'Wiki deleted', wiki: `${id.user}/${id.wiki}`, trash });
  return { user: id.user, wiki: id.wiki, deleted: true, deletedAt: now.toISOString(), removed: removed.length, unremoved: unpublished };
}
