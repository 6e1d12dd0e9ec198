import { rewriteBacklinks } from '../../../shared/core/backlinks';
import { ConflictError, InvalidInputError, NotFoundError, StaleRevisionError } from '../../../shared/core/errors';
import { attachmentFolderOf, parsePageName, type PagePath } from '../../../shared/core/pagePath';
import type { WikiId } from '../../../shared/core/slugs';
import { gitAuthor } from '../../../shared/auth/identity';
import type { Preferences } from '../../../shared/ports/wikiDb';
import type { FileChange, FileExpectation, WikiRepo } from '../../../shared/ports/wikiRepo';
import type { CommandContext } from '../context';
import { namingOf, wikilinkStyleOf } from '../naming';
import { indexFiles } from '../pageIndexing';
import { Publishing } from '../publishing';
import { openWiki } from '../wikiAccess';
import { filesOfPage } from './deletePage';

export interface RenamePageInput {
  readonly newPath: string;
  readonly message?: string;
  readonly updateBacklinks?: boolean;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const ATTEMPTS = 3;

/**
 * Renames a page like Otter Wiki: the page file and its folder (attachments, subpages) move,
 * and every link to it is rewritten (unless `updateBacklinks: false`; the rename form's box is
 * ticked by default too), all in one commit
 * (`Renamed {old} to {new}.`). The commit expects every file it read to be unchanged; if a
 * concurrent write touched one, the rename is rebuilt on the new head.
 */
export async function renamePage(ctx: CommandContext, id: WikiId, rawPath: string, input: RenamePageInput) {
  const scope = await openWiki(ctx, id, 'write');
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const naming = namingOf(prefs);
  const from = parsePageName(rawPath, naming);
  const to = parsePageName(input.newPath, naming);
  if (to.file === from.file) throw new InvalidInputError(`"${input.newPath}" names the same page as "${from.name}".`);
  if (to.file.startsWith(`${attachmentFolderOf(from.file)}/`)) {
    throw new InvalidInputError(`A page cannot be moved into its own folder ("${to.name}" is under "${from.name}").`);
  }
  const repo = ctx.deps.repos.open(id);
  for (let attempt = 1; ; attempt++) {
    const plan = await planRename(repo, from, to, prefs, input.updateBacklinks !== false);
    try {
      const { revision } = await repo.commit({
        changes: plan.changes,
        expect: plan.expect,
        message: input.message ?? `Renamed ${from.name} to ${to.name}.`,
        author: gitAuthor(scope.identity!),
      });
      const publishing = new Publishing(ctx.deps, id);
      await publishing.attempt('page index', () => indexFiles(ctx.deps, id, plan.changes.map((c) => c.path), prefs));
      await publishing.removeFiles(plan.moved.map((m) => m.from));
      const written = plan.changes.filter((c): c is FileChange & { content: Uint8Array } => c.content !== null);
      await publishing.pages(repo, written.map((c) => c.path), prefs, revision);
      for (const change of written) if (!change.path.toLowerCase().endsWith('.md')) await publishing.attachment(change.path, change.content);
      await publishing.sidebar(repo, prefs);
      const { published, removed, unpublished } = publishing.report;
      return {
        path: from.name, newPath: to.name, revision, moved: plan.moved, updatedBacklinks: plan.backlinks, published, removed, unpublished,
      };
    } catch (error) {
      if (!(error instanceof StaleRevisionError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function planRename(repo: WikiRepo, from: PagePath, to: PagePath, prefs: Preferences, backlinks: boolean) {
  const head = await repo.head();
  const files = await repo.listFiles(head);
  const moving = filesOfPage(files, from.file);
  if (moving.length === 0) throw new NotFoundError(`There is no page "${from.name}" to rename.`);
  const oldFolder = attachmentFolderOf(from.file);
  const newFolder = attachmentFolderOf(to.file);
  const target = (file: string) => (file === from.file ? to.file : `${newFolder}${file.slice(oldFolder.length)}`);
  // Moving into an existing folder is fine; overwriting a file there is not.
  const existing = new Set(files);
  const taken = moving.map(target).filter((f) => existing.has(f) && !moving.includes(f));
  if (taken.length > 0) throw new ConflictError(`"${to.name}" already exists; choose another name.`, { existing: taken.slice(0, 10) });
  const expect: FileExpectation[] = [];
  const contents = new Map<string, Uint8Array>();
  for (const file of moving) {
    const source = (await repo.readFile(file, head))!;
    expect.push({ path: file, blob: source.blob }, { path: target(file), blob: null });
    contents.set(target(file), source.content);
  }
  const backlinkFiles: string[] = [];
  if (backlinks) {
    const rename = { from, to: to.name, naming: namingOf(prefs), wikilinkStyle: wikilinkStyleOf(prefs) };
    const pages = [...files.filter((f) => !moving.includes(f)), ...moving.map(target)].filter((f) => f.toLowerCase().endsWith('.md'));
    for (const file of pages) {
      const moved = contents.get(file);
      const source = moved ? undefined : (await repo.readFile(file, head))!;
      const before = decoder.decode(moved ?? source!.content);
      const after = rewriteBacklinks(before, rename);
      if (after === before) continue;
      // Only rewritten pages must be unchanged at commit time; a page moved here already is.
      if (source) expect.push({ path: file, blob: source.blob });
      contents.set(file, encoder.encode(after));
      backlinkFiles.push(file);
    }
  }
  const changes: FileChange[] = [
    ...moving.map((path) => ({ path, content: null })),
    ...[...contents].map(([path, content]) => ({ path, content })),
  ];
  return { changes, expect, moved: moving.map((file) => ({ from: file, to: target(file) })), backlinks: backlinkFiles };
}
