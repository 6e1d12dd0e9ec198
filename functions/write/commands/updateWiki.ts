import { InvalidInputError } from '../../../shared/core/errors';
import { effectsOf, knownSettings } from '../../../shared/core/settings';
import type { WikiId } from '../../../shared/core/slugs';
import type { Visibility, WikiRecord } from '../../../shared/ports/tenantStore';
import type { CommandContext } from '../context';
import { Publishing } from '../publishing';
import { openWiki } from '../wikiAccess';
import { wikiView } from './getWiki';

export interface UpdateWikiInput {
  readonly title?: string;
  readonly visibility?: Visibility;
  /** Validated preferences (shared/core/settings parseSettings). */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * Changes a wiki's title, visibility and settings (admin). Settings go to wiki.db in one locked
 * update; then exactly what the changed values affect is republished: the shell (site name, logo,
 * description…), the sidebar (menu tree keys), or every page and the sidebar (wikilink style,
 * HTML allow-list, title and file-name case keys).
 */
export async function updateWiki(ctx: CommandContext, id: WikiId, input: UpdateWikiInput) {
  if (input.title === undefined && input.visibility === undefined && input.settings === undefined) {
    throw new InvalidInputError('Nothing to change: send "title", "visibility" or "settings".');
  }
  const scope = await openWiki(ctx, id, 'admin');
  const { tenants, dbs, repos, clock } = ctx.deps;
  const db = dbs.open(id);

  let changed: string[] = [];
  const wanted = input.settings ?? {};
  const prefs = Object.keys(wanted).length === 0
    ? await db.preferences()
    : await db.update((session) => {
        const current = session.preferences();
        changed = Object.keys(wanted).filter((key) => (current[key] ?? '') !== wanted[key]);
        for (const key of changed) session.setPreference(key, wanted[key]!);
        return session.preferences();
      });

  let record: WikiRecord = scope.record;
  const title = input.title?.trim();
  if (input.title !== undefined && !title) throw new InvalidInputError('"title" may not be empty.');
  const recordChanges = {
    ...(title !== undefined && title !== record.title ? { title } : {}),
    ...(input.visibility !== undefined && input.visibility !== record.visibility ? { visibility: input.visibility } : {}),
  };
  if (Object.keys(recordChanges).length > 0) {
    record = (await tenants.updateWiki(id, recordChanges, clock.now().toISOString())) ?? record;
  }

  const effects = effectsOf(changed);
  // The shell shows the title only while SITE_NAME is empty.
  const shell = effects.shell || ('title' in recordChanges && !prefs.SITE_NAME);
  const publishing = new Publishing(ctx.deps, id);
  const repo = repos.open(id);
  if (shell) await publishing.shell(prefs, record.title);
  if (effects.sidebar) await publishing.sidebar(repo, prefs);
  if (effects.pages) {
    const head = await repo.head();
    await publishing.pages(repo, await repo.listFiles(head), prefs, head);
  }
  const { published, unpublished } = publishing.report;
  return {
    ...wikiView(record, scope.role),
    settings: knownSettings(prefs),
    changed: [...Object.keys(recordChanges), ...changed],
    published,
    unpublished,
  };
}
