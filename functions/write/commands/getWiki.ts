import type { Role } from '../../../shared/core/access';
import { knownSettings } from '../../../shared/core/settings';
import type { WikiId } from '../../../shared/core/slugs';
import type { WikiRecord } from '../../../shared/ports/tenantStore';
import type { CommandContext } from '../context';
import { openWiki } from '../wikiAccess';

/** A wiki as the API shows it. */
export function wikiView(record: WikiRecord, role: Role | undefined) {
  const { user, wiki, title, visibility, owner, createdAt, updatedAt } = record;
  return { user, wiki, title, visibility, owner, createdAt, updatedAt, role: role ?? null, url: `/${user}/${wiki}/` };
}

/** A wiki's record, the caller's role and its settings (the preferences this platform knows). */
export async function getWiki(ctx: CommandContext, id: WikiId) {
  const scope = await openWiki(ctx, id, 'read');
  const prefs = await ctx.deps.dbs.open(id).preferences();
  return { ...wikiView(scope.record, scope.role), settings: knownSettings(prefs) };
}
