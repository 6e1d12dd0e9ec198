import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';
import { csrfField, notice } from './layout';
import { authorLabel, formatSize, shortRevision, subjectOf, timeTag, viewHref } from './format';
import type { HistoryEntry } from './history';

/** The small confirmation and input forms of the editor: create, rename, delete, revert, attachments. */

const errorOf = (error?: string) => (error ? notice('error', escapeHtml(error)) : '');

export function renderCreateForm(options: { basePath: string; csrf: string; name?: string; error?: string }): string {
  return `${errorOf(options.error)}<form class="wb-form" method="post" action="${escapeHtml(viewHref(options.basePath, 'create'))}">
${csrfField(options.csrf)}
<p class="wb-field"><label for="wb-pagename">Page name</label>
<input id="wb-pagename" name="pagename" required maxlength="2048" value="${escapeHtml(options.name ?? '')}" placeholder="Folder/Page name" autofocus></p>
<p class="wb-faint">Use <code>/</code> for pages in folders, e.g. <code>Projects/Roadmap</code>.</p>
<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Create</button></p>
</form>`;
}

export function renderRenameForm(options: { basePath: string; page: string; csrf: string; newName?: string; message?: string; updateBacklinks?: boolean; error?: string }): string {
  const { basePath: base, page } = options;
  return `${errorOf(options.error)}<form class="wb-form" method="post" action="${escapeHtml(viewHref(base, 'rename', page))}">
${csrfField(options.csrf)}
<p class="wb-field"><label for="wb-newname">New name</label>
<input id="wb-newname" name="newname" required maxlength="2048" value="${escapeHtml(options.newName ?? page)}" autofocus></p>
<p class="wb-field"><label for="wb-message">Commit message</label>
<input id="wb-message" name="message" maxlength="1000" value="${escapeHtml(options.message ?? '')}" placeholder="Renamed ${escapeHtml(page)} to …"></p>
<p><label class="wb-inline"><input type="checkbox" name="update_backlinks" value="1"${options.updateBacklinks === false ? '' : ' checked'}> Update links to this page in other pages</label></p>
<p class="wb-faint">The page's attachments and subpages move with it.</p>
<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Rename</button> <a class="wb-button" href="${escapeHtml(pageHref(base, page))}">Cancel</a></p>
</form>`;
}

/** `files`: everything deleting the page removes, `pageFile` among them (the page's own file). */
export function renderDeleteForm(options: { basePath: string; page: string; pageFile: string; csrf: string; files: readonly string[]; message?: string; error?: string }): string {
  const { basePath: base, page } = options;
  const rest = options.files.filter((f) => f !== options.pageFile);
  const others = rest.length > 0
    ? `<p>With it go ${rest.length} file${rest.length === 1 ? '' : 's'} in its folder (attachments and subpages):</p><ul class="wb-files-list">${rest.slice(0, 50).map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join('')}${rest.length > 50 ? `<li>and ${rest.length - 50} more</li>` : ''}</ul>`
    : '';
  return `${errorOf(options.error)}${notice('warning', `Delete <strong>${escapeHtml(page)}</strong>? The history keeps it; a revert brings it back.`)}
${others}<form class="wb-form" method="post" action="${escapeHtml(viewHref(base, 'delete', page))}">
${csrfField(options.csrf)}
<p class="wb-field"><label for="wb-message">Commit message</label>
<input id="wb-message" name="message" maxlength="1000" value="${escapeHtml(options.message ?? '')}" placeholder="${escapeHtml(`${page} deleted.`)}"></p>
<p class="wb-form-actions"><button class="wb-button wb-button-danger" type="submit">Delete page</button> <a class="wb-button" href="${escapeHtml(pageHref(base, page))}">Cancel</a></p>
</form>`;
}

export function renderRevertForm(options: { basePath: string; revision: string; commit: HistoryEntry; files: readonly string[]; csrf: string; message?: string; error?: string }): string {
  const { basePath: base, commit } = options;
  return `${errorOf(options.error)}<p>Revert <a class="wb-rev" href="${escapeHtml(viewHref(base, 'commit', undefined, { revision: commit.revision }))}">${escapeHtml(shortRevision(commit.revision))}</a> by ${authorLabel(commit.author)} from ${timeTag(commit.date)}: <em>${escapeHtml(subjectOf(commit.message))}</em></p>
<p>A new commit undoes its changes to ${options.files.length} file${options.files.length === 1 ? '' : 's'}:</p>
<ul class="wb-files-list">${options.files.map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join('')}</ul>
<form class="wb-form" method="post" action="${escapeHtml(viewHref(base, 'revert', undefined, { revision: options.revision }))}">
${csrfField(options.csrf)}
<p class="wb-field"><label for="wb-message">Commit message</label>
<input id="wb-message" name="message" maxlength="1000" value="${escapeHtml(options.message ?? '')}" placeholder="${escapeHtml(`Reverted commit ${options.revision}.`)}"></p>
<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Revert</button> <a class="wb-button" href="${escapeHtml(viewHref(base, 'changelog'))}">Cancel</a></p>
</form>`;
}

export interface AttachmentRow {
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly url: string;
  readonly lastChange: { revision: string; author: { name: string; email: string }; date: string; message: string } | null;
}

export function renderAttachments(options: {
  basePath: string; page: string; attachments: readonly AttachmentRow[]; canEdit: boolean; csrf?: string;
  maxBytes: number; error?: string; uploaded?: readonly string[];
}): string {
  const { basePath: base, page } = options;
  const done = options.uploaded?.length ? notice('success', `Uploaded ${options.uploaded.map((n) => `<code>${escapeHtml(n)}</code>`).join(', ')}.`) : '';
  const rows = options.attachments.map((a) => {
    const image = /^image\/(png|jpeg|gif|webp|avif)$/.test(a.contentType)
      ? `<img class="wb-thumb" src="${escapeHtml(a.url)}" alt="" loading="lazy">` : '';
    const del = options.canEdit && options.csrf
      ? `<form method="post" action="${escapeHtml(viewHref(base, 'attachments', page))}">${csrfField(options.csrf)}<input type="hidden" name="action" value="delete"><input type="hidden" name="name" value="${escapeHtml(a.name)}"><button class="wb-link-button" type="submit" aria-label="Delete ${escapeHtml(a.name)}">delete</button></form>`
      : '';
    const link = `[${a.name}](${pageHref('', page)}/a/${encodeURIComponent(a.name)})`;
    const markdown = a.contentType.startsWith('image/') ? `!${link}` : link;
    return `<tr><td>${image}</td><td><a href="${escapeHtml(a.url)}">${escapeHtml(a.name)}</a><br><code class="wb-faint wb-copyable">${escapeHtml(markdown)}</code></td>
<td>${escapeHtml(formatSize(a.size))}</td><td>${escapeHtml(a.contentType.split(';')[0] ?? '')}</td>
<td>${a.lastChange ? `${timeTag(a.lastChange.date)}<br>${authorLabel(a.lastChange.author)}` : ''}</td><td>${del}</td></tr>`;
  });
  const table = rows.length
    ? `<div class="wb-table-scroll"><table class="wb-table wb-attachments"><thead><tr><th scope="col"><span class="wb-visually-hidden">Preview</span></th><th scope="col">File</th><th scope="col">Size</th><th scope="col">Type</th><th scope="col">Changed</th><th scope="col"><span class="wb-visually-hidden">Actions</span></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
    : '<p>No attachments yet.</p>';
  const upload = options.canEdit && options.csrf
    ? `<form class="wb-form wb-upload" method="post" enctype="multipart/form-data" action="${escapeHtml(viewHref(base, 'attachments', page))}" data-max-bytes="${options.maxBytes}">
${csrfField(options.csrf)}
<div class="wb-dropzone"><p><label for="wb-files">Choose files</label> or drop them here (at most ${escapeHtml(formatSize(options.maxBytes))} each).</p>
<input id="wb-files" type="file" name="file" multiple required></div>
<p class="wb-field"><label for="wb-upload-message">Commit message</label> <input id="wb-upload-message" name="message" maxlength="1000" placeholder="Added attachment(s): …"></p>
<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Upload</button></p>
</form>`
    : '';
  return `${errorOf(options.error)}${done}${table}${upload}`;
}
