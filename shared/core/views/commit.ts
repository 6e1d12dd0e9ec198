import { escapeHtml } from '../html';
import { keyOfFile } from '../pagePath';
import { diffLines, renderLineDiff } from './diff';
import { authorLabel, shortRevision, timeTag, viewHref } from './format';
import type { HistoryEntry } from './history';

export interface CommitFileChange {
  readonly path: string;
  readonly status: 'added' | 'deleted' | 'changed';
  /** Text before and after; undefined when the file is missing on that side or is not text. */
  readonly before?: string;
  readonly after?: string;
  readonly binary: boolean;
}

export interface CommitViewOptions {
  readonly basePath: string;
  readonly commit: HistoryEntry;
  readonly parent?: string;
  readonly files: readonly CommitFileChange[];
  readonly canEdit: boolean;
}

/** What changed in one commit: its message and a unified diff per file. */
export function renderCommit(options: CommitViewOptions): string {
  const { basePath: base, commit } = options;
  const header = `<dl class="wb-meta"><dt>Revision</dt><dd><code>${escapeHtml(commit.revision)}</code></dd>
<dt>Author</dt><dd>${authorLabel(commit.author)}</dd><dt>Date</dt><dd>${timeTag(commit.date)}</dd>
${options.parent ? `<dt>Parent</dt><dd><a class="wb-rev" href="${escapeHtml(viewHref(base, 'commit', undefined, { revision: options.parent }))}">${escapeHtml(shortRevision(options.parent))}</a></dd>` : ''}</dl>
<pre class="wb-message">${escapeHtml(commit.message)}</pre>`;
  const revert = options.canEdit && options.parent
    ? `<p><a class="wb-button" href="${escapeHtml(viewHref(base, 'revert', undefined, { revision: shortRevision(commit.revision) }))}">Revert this commit</a></p>`
    : '';
  const files = options.files.map((file) => {
    const page = keyOfFile(file.path) !== undefined ? file.path.slice(0, -3) : undefined;
    const title = page !== undefined && file.status !== 'deleted'
      ? `<a href="${escapeHtml(viewHref(base, 'view', page, { revision: commit.revision }))}">${escapeHtml(file.path)}</a>`
      : escapeHtml(file.path);
    const status = file.status;
    const body = file.binary
      ? '<p class="wb-faint">Binary file.</p>'
      : renderLineDiff(diffLines(file.before ?? '', file.after ?? ''), 'unified');
    return `<section class="wb-commit-file"><h2>${title} <span class="wb-badge">${status}</span></h2>${body}</section>`;
  });
  return header + revert + (files.length ? files.join('') : '<p>This commit changed no files.</p>');
}
