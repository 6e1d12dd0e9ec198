import { NotFoundError } from '../../../shared/core/errors';
import { computeBlame, renderBlame, type BlameCommit, type BlameVersion } from '../../../shared/core/views/blame';
import { openFrame, type ViewHandler } from './frame';
import { param, titleOf } from './pageInfo';
import { optionalRevision } from './revisions';

/**
 * How many of a page's versions blame compares, newest first. Each costs a blob read and a line
 * diff; beyond the cap the oldest compared commit stands for everything before it (the view says so).
 */
export const MAX_BLAME_VERSIONS = 100;
const decoder = new TextDecoder();

/** GET /{user}/{wiki}/-/blame/{page}?revision=: which commit last changed each line. */
export const blameView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const page = frame.page();
  const history = frame.ctx.deps.history.open(frame.id);
  const repo = frame.ctx.deps.repos.open(frame.id);
  const revision = await optionalRevision(history, param(frame, 'revision'), 'revision');
  const log = await history.log({ path: page.file, from: revision, limit: MAX_BLAME_VERSIONS + 1 });
  const commits = log.entries.slice(0, MAX_BLAME_VERSIONS);
  const truncated = log.entries.length > MAX_BLAME_VERSIONS;
  const head = commits[0] ? await repo.readFile(page.file, commits[0].revision) : undefined;
  if (!head) throw new NotFoundError(`There is no page "${page.name}"${revision ? ` at ${revision}` : ''}.`);
  // Oldest first; a version where the file was deleted reads as empty.
  const versions: BlameVersion<BlameCommit>[] = [];
  for (const commit of [...commits].reverse()) {
    const file = await repo.readFile(page.file, commit.revision);
    versions.push({ commit, text: file ? decoder.decode(file.content) : '' });
  }
  const title = await titleOf(frame, page);
  return frame.respond(200, {
    title: `Blame of ${title}`,
    label: 'Blame',
    current: 'blame',
    page: page.name,
    pageTitle: title,
    noindex: true,
    wide: true,
    content: renderBlame({ basePath: frame.base, page: page.name, result: computeBlame(versions), truncated }),
  });
};
