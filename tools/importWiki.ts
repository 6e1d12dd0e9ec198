import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { wikiDir } from '../shared/adapters/gitWikiRepo';
import { ConflictError, InvalidInputError } from '../shared/core/errors';
import type { WikiId } from '../shared/core/slugs';
import type { CommitIndexProvider } from '../shared/ports/commitIndex';
import type { TenantStore, Visibility } from '../shared/ports/tenantStore';
import { reconcileWiki, type ReconcileDeps, type ReconcileOptions, type ReconcileResult } from '../functions/backfill/reconcile';
import type { BackfillProgress } from '../functions/backfill/backfill';
import { gitLogIndex } from './gitLogIndex';

export interface ImportDeps extends ReconcileDeps {
  readonly tenants: TenantStore;
  /** The EFS mount: the repository goes to `wikis/{user}/{wiki}/repo.git`. */
  readonly dataDir: string;
  readonly now?: () => Date;
  /** Where the history index is built with the git CLI; absent: reconcile builds it by walking. */
  readonly commitIndexes?: CommitIndexProvider;
}

export interface ImportRequest {
  /** A git repository made by the git CLI or Otter Wiki: a work tree (or its .git), or a bare one. */
  readonly repo: string;
  readonly id: WikiId;
  readonly visibility?: Visibility;
  /** Default: the first heading of home.md, else the wiki name. */
  readonly title?: string;
  /** Publishing: pages in flight, a stop switch (a test's interruption). */
  readonly publish?: Pick<ReconcileOptions, 'concurrency' | 'onWatermark' | 'shouldStop'>;
  /** A progress bar (tools/backfillProgress.ts) over the pages published. */
  readonly progress?: BackfillProgress;
}

export interface ImportResult {
  readonly wiki: string;
  readonly title: string;
  readonly branch: string;
  readonly commits: number;
  /** Markdown pages and other files (attachments) at the head. */
  readonly pages: number;
  readonly attachments: number;
  /** Set when file names keep upper case, so titles and new pages keep the case (Otter Wiki's setting). */
  readonly retainCase: boolean;
  readonly publish: ReconcileResult;
  /** Uncommitted changes in the source's work tree, which were not imported. */
  readonly uncommitted: number;
}

const run = (args: string[], cwd?: string) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });

/**
 * Imports an existing Otter Wiki repository with its whole history: a `git clone --bare
 * --no-hardlinks` into a temp folder beside the target, checked with `git fsck`, then renamed
 * into place (so there is never a half-copied repository at `repo.git`). Then the tenant record
 * and wiki.db are created, the history index is written from one `git log`, and every page, the
 * shell and the sidebar are published (pages through `deps.publisher`: the CLI's render pool).
 *
 * The real git CLI does the copy: this runs on an operator's machine (not in Lambda), and git
 * copies packs, loose objects, packed and loose refs, tags and HEAD exactly, which a file copy
 * or isomorphic-git's clone would each have to reimplement. Refuses when the wiki exists, unless
 * it is an unfinished import of the same source (`import.json` beside the repository): that one
 * goes on from the last page it had published.
 */
export async function importWiki(deps: ImportDeps, request: ImportRequest): Promise<ImportResult> {
  const { id } = request;
  const name = `${id.user}/${id.wiki}`;
  const source = path.resolve(request.repo);
  const sourceGitDir = gitDirOf(source);
  const head = (() => {
    try {
      return run(['--git-dir', sourceGitDir, 'rev-parse', '--verify', 'HEAD^{commit}']).trim();
    } catch {
      throw new InvalidInputError(`${source} has no commits on its current branch; there is nothing to import.`);
    }
  })();
  const branch = run(['--git-dir', sourceGitDir, 'symbolic-ref', '-q', 'HEAD']).trim().replace(/^refs\/heads\//, '');
  let uncommitted = 0;
  const isBare = run(['--git-dir', sourceGitDir, 'rev-parse', '--is-bare-repository']).trim() === 'true';
  if (!isBare) uncommitted = run(['status', '--porcelain'], workTreeOf(source, sourceGitDir)).split('\n').filter(Boolean).length;

  const dir = wikiDir(deps.dataDir, id);
  const target = `${dir}/repo.git`;
  const marker = importMarker(dir);
  const resume = await resumable(deps, id, marker, source);

  const files = run(['--git-dir', sourceGitDir, 'ls-tree', '-r', '-z', '--name-only', head]).split('\0').filter(Boolean);
  const pageFiles = files.filter((f) => f.toLowerCase().endsWith('.md'));
  const retainCase = pageFiles.some((f) => f !== f.toLowerCase());
  const title = resume?.title ?? (request.title?.trim() || titleFromHome(sourceGitDir, head, pageFiles) || id.wiki);
  const now = (deps.now ?? (() => new Date()))().toISOString();

  if (!resume) {
    if (fs.existsSync(target)) {
      throw new ConflictError(`${target} already exists (a repository without a tenant record?); import never overwrites it.`);
    }
    // The conditional put claims the name: a racing import or create of the same wiki fails here.
    await deps.tenants.createWiki({
      ...id, title, visibility: request.visibility ?? 'public', owner: id.user, createdAt: now, updatedAt: now,
    });
  }
  if (!resume || !fs.existsSync(target)) {
    const existedBefore = fs.existsSync(dir);
    const temp = `${dir}/repo.git.importing-${process.pid}-${Date.now()}`;
    try {
      marker.save({ source, title });
      run(['clone', '--quiet', '--bare', '--no-hardlinks', sourceGitDir, temp]);
      run(['--git-dir', temp, 'remote', 'remove', 'origin']);
      run(['--git-dir', temp, 'fsck', '--full', '--no-dangling']);
      makeObjectFolders(temp);
      fs.renameSync(temp, target);
      await deps.dbs.open(id).create({ SITE_NAME: title, ...(retainCase ? { RETAIN_PAGE_NAME_CASE: 'True' } : {}) });
    } catch (error) {
      fs.rmSync(temp, { recursive: true, force: true });
      if (existedBefore) fs.rmSync(target, { recursive: true, force: true });
      else fs.rmSync(dir, { recursive: true, force: true });
      marker.clear();
      await deps.tenants.deleteWiki(id);
      throw error;
    }
  }
  // The history index, read by the git CLI in one pass (a JavaScript walk of a packed history is slow).
  if (deps.commitIndexes) await deps.commitIndexes.open(id).append(undefined, gitLogIndex(target), { replace: true });
  // From here the wiki exists; a failed publish is reported and repaired by `npm run backfill`, an
  // interrupted one goes on where it stopped when the same import runs again.
  let saved = 0;
  let last = resume?.after;
  request.progress?.start(pageFiles.length, 1);
  const publish = await reconcileWiki(deps, { ...id, title }, {
    ...request.publish,
    force: true,
    onPage: (file, action) => request.progress?.page(name, file, action),
    resumeAfter: resume?.after,
    onWatermark: (after) => {
      request.publish?.onWatermark?.(after);
      last = after;
      if (Date.now() - saved < 1000) return;
      saved = Date.now();
      marker.save({ source, title, after });
    },
  });
  request.progress?.stop();
  if (publish.complete && publish.failed.length === 0) marker.clear();
  else marker.save({ source, title, ...(last ? { after: last } : {}) });
  return {
    wiki: name,
    title,
    branch,
    commits: Number(run(['--git-dir', target, 'rev-list', '--count', 'HEAD']).trim()),
    pages: pageFiles.length,
    attachments: files.length - pageFiles.length,
    retainCase,
    publish,
    uncommitted,
  };
}

/** The git directory of a work tree, a `.git` folder or a bare repository. */
function gitDirOf(source: string): string {
  if (!fs.existsSync(source)) throw new InvalidInputError(`${source} does not exist.`);
  try {
    return path.resolve(source, run(['rev-parse', '--git-dir'], source).trim());
  } catch {
    throw new InvalidInputError(`${source} is not a git repository.`);
  }
}

function workTreeOf(source: string, gitDir: string): string {
  try {
    return run(['rev-parse', '--show-toplevel'], source).trim() || path.dirname(gitDir);
  } catch {
    return path.dirname(gitDir);
  }
}

function titleFromHome(gitDir: string, head: string, pages: readonly string[]): string | undefined {
  const home = pages.find((p) => p.toLowerCase() === 'home.md');
  if (!home) return undefined;
  const text = run(['--git-dir', gitDir, 'show', `${head}:${home}`]);
  return /^#\s+(.+?)\s*#*\s*$/m.exec(text)?.[1];
}

interface ImportState {
  readonly source: string;
  readonly title: string;
  /** The page file up to which (in path order) every page is published. */
  readonly after?: string;
}

/** `import.json` beside the repository while an import is unfinished: what a rerun resumes. */
function importMarker(dir: string) {
  const file = `${dir}/import.json`;
  return {
    load(): ImportState | undefined {
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as ImportState;
      } catch {
        return undefined;
      }
    },
    save(state: ImportState) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
      fs.renameSync(`${file}.tmp`, file);
    },
    clear: () => fs.rmSync(file, { force: true }),
  };
}

/** An unfinished import of the same source into this wiki (to resume), or a ConflictError when the wiki exists otherwise. */
async function resumable(deps: ImportDeps, id: WikiId, marker: ReturnType<typeof importMarker>, source: string) {
  if (!(await deps.tenants.getWiki(id))) return undefined;
  const state = marker.load();
  if (state && state.source === source) return state;
  throw new ConflictError(`Wiki ${id.user}/${id.wiki} already exists; import never overwrites a wiki. Delete it or choose another name.`);
}

/**
 * A cloned repository is packed, so it has none of the 256 `objects/xx` folders loose objects
 * go to: each of the first saves would pay for making one (a file creation, the costliest step
 * of a save on EFS). Made once here instead.
 */
function makeObjectFolders(gitdir: string): void {
  for (let i = 0; i < 256; i++) fs.mkdirSync(`${gitdir}/objects/${i.toString(16).padStart(2, '0')}`, { recursive: true });
}
