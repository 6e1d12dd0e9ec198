import { NotFoundError } from '../../../shared/core/errors';
import { renderCommit, type CommitFileChange } from '../../../shared/core/views/commit';
import { shortRevision } from '../../../shared/core/views/format';
import { openFrame, type ViewHandler } from './frame';
import { param, textOf } from './pageInfo';
import { optionalRevision, requireValue } from './revisions';

/** Files of one commit shown in full; the rest are listed (a large import commit stays cheap). */
const MAX_FILES = 50;

/** GET /{user}/{wiki}/-/commit?revision=: one commit, its message and a diff per changed file. */
export const commitView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const history = frame.ctx.deps.history.open(frame.id);
  const repo = frame.ctx.deps.repos.open(frame.id);
  const revision = requireValue(await optionalRevision(history, param(frame, 'revision'), 'revision'), 'Give the commit as "revision".');
  const { entries } = await history.log({ from: revision, limit: 2 });
  const commit = entries[0];
  if (!commit) throw new NotFoundError(`There is no commit ${revision}.`);
  const parent = entries[1]?.revision;
  const files: CommitFileChange[] = [];
  for (const path of commit.files.slice(0, MAX_FILES)) {
    const [before, after] = await Promise.all([
      parent ? repo.readFile(path, parent) : Promise.resolve(undefined),
      repo.readFile(path, commit.revision),
    ]);
    const beforeText = before ? textOf(before.content) : undefined;
    const afterText = after ? textOf(after.content) : undefined;
    files.push({
      path,
      status: !before ? 'added' : !after ? 'deleted' : 'changed',
      before: beforeText,
      after: afterText,
      binary: (before !== undefined && beforeText === undefined) || (after !== undefined && afterText === undefined),
    });
  }
  const more = commit.files.length > MAX_FILES ? `<p class="wb-faint">And ${commit.files.length - MAX_FILES} more files.</p>` : '';
  return frame.respond(200, {
    title: `Commit ${shortRevision(commit.revision)}`,
    label: `Commit ${shortRevision(commit.revision)}`,
    current: 'changelog',
    noindex: true,
    wide: true,
    content: renderCommit({ basePath: frame.base, commit, parent, files, canEdit: frame.canEdit }) + more,
  });
};
