import { parseAttachmentName } from '../../../shared/core/attachments';
import { InvalidInputError } from '../../../shared/core/errors';
import { parsePageName } from '../../../shared/core/pagePath';
import type { GitTransport, GitTreeEntry } from '../../../shared/ports/gitTransport';
import type { Limits } from '../config';
import { formatBytes } from '../input';

/** A file a push adds, changes or removes (`blob` null when removed). */
export interface ChangedFile {
  readonly path: string;
  readonly blob: string | null;
  /** New at this path (not a change of a file that was there). */
  readonly added: boolean;
}

export class PushRefused extends Error {}

/** How far back a push's new commits may reach before the branch (a guard, not a rule of git). */
const MAX_NEW_COMMITS = 10_000;
const FILE_MODES = new Set(['100644', '100755']);

/** The commits `next` adds on top of `base`; refuses a push that does not descend from `base`. */
export async function newCommits(repo: GitTransport, base: string | undefined, next: string): Promise<string[]> {
  const added: string[] = [];
  const seen = new Set<string>();
  let frontier = [next];
  let reachedBase = base === undefined;
  while (frontier.length > 0) {
    const following: string[] = [];
    for (const oid of frontier) {
      if (oid === base) {
        reachedBase = true;
        continue;
      }
      if (seen.has(oid)) continue;
      seen.add(oid);
      if (!(await repo.hasObject(oid))) throw new PushRefused(`missing object ${oid}`);
      added.push(oid);
      if (added.length > MAX_NEW_COMMITS) throw new PushRefused(`more than ${MAX_NEW_COMMITS} new commits; import the history instead`);
      following.push(...(await repo.commit(oid)).parents);
    }
    frontier = following;
  }
  if (!reachedBase) throw new PushRefused('non-fast-forward');
  return added;
}

/**
 * The files that differ between two trees, descending only into subtrees whose ids differ, so
 * the cost follows the change, not the size of the wiki. Refuses symlinks, submodules and other
 * modes a wiki cannot hold.
 */
export async function changedFiles(repo: GitTransport, before: string | undefined, after: string, prefix = ''): Promise<ChangedFile[]> {
  const old = new Map((before ? await repo.tree(before) : []).map((e) => [e.path, e]));
  const now = new Map((await repo.tree(after)).map((e) => [e.path, e]));
  const out: ChangedFile[] = [];
  for (const [name, entry] of now) {
    const path = `${prefix}${name}`;
    checkMode(entry, path);
    const was = old.get(name);
    if (was?.oid === entry.oid && was.mode === entry.mode) continue;
    if (entry.type === 'tree') {
      out.push(...(await changedFiles(repo, was?.type === 'tree' ? was.oid : undefined, entry.oid, `${path}/`)));
      if (was && was.type !== 'tree') out.push({ path, blob: null, added: false });
    } else {
      out.push({ path, blob: entry.oid, added: !was || was.type === 'tree' });
      if (was?.type === 'tree') out.push(...(await removedUnder(repo, was.oid, `${path}/`)));
    }
  }
  for (const [name, entry] of old) {
    if (now.has(name)) continue;
    const path = `${prefix}${name}`;
    if (entry.type === 'tree') out.push(...(await removedUnder(repo, entry.oid, `${path}/`)));
    else out.push({ path, blob: null, added: false });
  }
  return out;
}

async function removedUnder(repo: GitTransport, tree: string, prefix: string): Promise<ChangedFile[]> {
  const out: ChangedFile[] = [];
  for (const entry of await repo.tree(tree)) {
    if (entry.type === 'tree') out.push(...(await removedUnder(repo, entry.oid, `${prefix}${entry.path}/`)));
    else if (entry.type === 'blob') out.push({ path: `${prefix}${entry.path}`, blob: null, added: false });
  }
  return out;
}

function checkMode(entry: GitTreeEntry, path: string) {
  if (entry.type === 'commit') throw new PushRefused(`${path}: submodules are not allowed in a wiki`);
  if (entry.type === 'tree') return;
  if (entry.mode === '120000') throw new PushRefused(`${path}: symbolic links are not allowed in a wiki`);
  if (!FILE_MODES.has(entry.mode)) throw new PushRefused(`${path}: file mode ${entry.mode} is not allowed`);
}

/**
 * Every added or changed file must be one the wiki could have written itself: a page file whose
 * name follows the naming rules, or an attachment (a valid file name inside a page's folder),
 * within the API's size limits. Removals are always fine.
 */
export async function checkChangedFiles(repo: GitTransport, files: readonly ChangedFile[], limits: Limits): Promise<void> {
  for (const file of files) {
    if (file.blob === null) continue;
    const segments = file.path.split('/');
    try {
      if (segments.some((s) => s.startsWith('.'))) throw new InvalidInputError('hidden files and folders (".git…") are not allowed');
      if (/\.md$/i.test(file.path)) {
        parsePageName(file.path.slice(0, -3));
      } else {
        if (segments.length < 2) throw new InvalidInputError('an attachment lives in its page\'s folder, not at the top level');
        parsePageName(segments.slice(0, -1).join('/'));
        parseAttachmentName(segments[segments.length - 1]);
      }
    } catch (error) {
      throw new PushRefused(`${file.path}: ${(error as Error).message}`);
    }
    const size = await repo.blobSize(file.blob);
    const max = /\.md$/i.test(file.path) ? limits.maxPageBytes : limits.maxAttachmentBytes;
    if (size > max) throw new PushRefused(`${file.path} is ${formatBytes(size)}; the limit is ${formatBytes(max)}`);
  }
}
