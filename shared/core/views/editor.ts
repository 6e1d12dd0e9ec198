import { escapeHtml } from '../html';
import type { CommitMessageMode } from '../commitMessage';
import { pageHref } from '../render/pageHref';
import { renderCheatsheet } from './cheatsheet';
import { csrfField, notice } from './layout';
import { authorLabel, shortRevision, timeTag, viewHref } from './format';

export interface DraftInfo {
  readonly datetime: string;
  readonly revision: string;
}

export interface EditorViewOptions {
  readonly basePath: string;
  readonly page: string;
  /** False for a new page. */
  readonly exists: boolean;
  readonly content: string;
  /** The head the edit starts from: the save's baseRevision (for a new page: it must still not exist). */
  readonly baseRevision: string;
  readonly commitMode: CommitMessageMode;
  readonly message?: string;
  readonly csrf: string;
  /** A saved draft the user may restore (shown while the editor holds the page). */
  readonly draft?: DraftInfo;
  /** The editor holds the draft's content. */
  readonly restoredDraft?: DraftInfo;
  /** Rendered preview (the no-JavaScript preview button posts the form back here). */
  readonly previewHtml?: string;
  readonly error?: string;
  /** The largest page the wiki accepts, in bytes. */
  readonly maxBytes: number;
  /** The largest attachment, in bytes (for the editor's paste and drop uploads). */
  readonly maxUploadBytes: number;
}

/**
 * The page editor: a plain form that works without JavaScript (textarea, commit message, Save,
 * and a Preview button that posts the form and comes back with the rendered page), which the
 * editor script (assets/editor/editor.ts, CodeMirror 6) turns into a markdown editor with a live
 * preview, draft autosave and image paste/drop. The script finds its endpoints in data attributes;
 * no inline script (the CSP allows none).
 */
export function renderEditor(options: EditorViewOptions): string {
  const { basePath: base, page } = options;
  const save = viewHref(base, 'save', page);
  const parts: string[] = [];
  if (options.error) parts.push(notice('error', escapeHtml(options.error)));
  if (!options.exists) parts.push(notice('info', `<strong>${escapeHtml(page)}</strong> does not exist yet: saving creates it.`));
  if (options.restoredDraft) {
    parts.push(notice('warning', `The editor holds your draft from ${timeTag(options.restoredDraft.datetime)}. Save it, or ` +
      `<a href="${escapeHtml(viewHref(base, 'edit', page, { draft: 'ignore' }))}">edit the saved page instead</a>.`));
  } else if (options.draft) {
    parts.push(notice('warning', `You have an unsaved draft of this page from ${timeTag(options.draft.datetime)}. ` +
      `<a class="wb-button" href="${escapeHtml(viewHref(base, 'edit', page, { draft: 'restore' }))}">Restore draft</a> ` +
      `<button class="wb-button" type="submit" form="wb-discard-draft">Discard draft</button>`));
  }
  const messageField = options.commitMode === 'DISABLED'
    ? '<p class="wb-faint">This wiki writes its own commit messages.</p>'
    : `<p class="wb-field"><label for="wb-message">Commit message${options.commitMode === 'REQUIRED' ? ' (required)' : ''}</label>
<input id="wb-message" name="message" maxlength="1000" value="${escapeHtml(options.message ?? '')}" placeholder="${escapeHtml(options.exists ? `Updated ${page}.` : `Added ${page}.`)}"${options.commitMode === 'REQUIRED' ? ' required' : ''}></p>`;
  const preview = options.previewHtml === undefined ? '' : options.previewHtml;
  const cancel = options.exists ? pageHref(base, page) : `${base}/`;
  parts.push(`<form class="wb-editor" id="wb-editor" method="post" action="${escapeHtml(save)}"
 data-page="${escapeHtml(page)}" data-preview-url="${escapeHtml(viewHref(base, 'preview', page))}"
 data-draft-url="${escapeHtml(viewHref(base, 'draft', page))}" data-upload-url="${escapeHtml(viewHref(base, 'attachments', page))}"
 data-attachment-base="${escapeHtml(pageHref('', page))}" data-exists="${options.exists}" data-max-bytes="${options.maxBytes}" data-max-upload-bytes="${options.maxUploadBytes}">
${csrfField(options.csrf)}<input type="hidden" name="base" value="${escapeHtml(options.baseRevision)}">
<div class="wb-editor-panes${options.previewHtml !== undefined ? ' wb-has-preview' : ''}">
<div class="wb-editor-source"><label class="wb-visually-hidden" for="wb-content">Markdown</label>
<textarea id="wb-content" name="content" rows="24" spellcheck="true">${escapeHtml(options.content)}</textarea></div>
<section class="wb-editor-preview wb-content" aria-label="Preview" aria-live="polite"${options.previewHtml === undefined ? ' hidden' : ''}>${preview}</section>
</div>
<p class="wb-editor-status wb-faint" aria-live="polite"></p>
${messageField}
<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Save</button>
<button class="wb-button wb-preview-button" type="submit" formaction="${escapeHtml(viewHref(base, 'preview', page))}">Preview</button>
<a class="wb-button" href="${escapeHtml(cancel)}">Cancel</a></p>
</form>
${renderCheatsheet()}`);
  if (options.draft && !options.restoredDraft) {
    parts.push(`<form id="wb-discard-draft" method="post" action="${escapeHtml(viewHref(base, 'draft', page))}" hidden>${csrfField(options.csrf)}<input type="hidden" name="action" value="discard"></form>`);
  }
  return parts.join('\n');
}

export interface ConflictViewOptions {
  readonly basePath: string;
  readonly page: string;
  readonly csrf: string;
  readonly commitMode: CommitMessageMode;
  readonly message?: string;
  /** What the user tried to save. */
  readonly yours: string;
  /** The page as it is now (empty when it was deleted). */
  readonly theirs: string;
  readonly currentRevision: string;
  /** The commit that changed the page underneath, if known. */
  readonly theirChange?: { readonly revision: string; readonly author: { name: string; email: string }; readonly date: string; readonly message: string };
  /** HTML of the diff from their version to yours. */
  readonly diffHtml: string;
  readonly maxBytes: number;
}

/**
 * The 409 screen: the page changed since the edit began, so the save did not land. It shows both
 * versions and what saving yours would change, and lets the user merge into the editor and save
 * again against the current revision (the draft keeps their text meanwhile).
 */
export function renderConflict(options: ConflictViewOptions): string {
  const { basePath: base, page } = options;
  const change = options.theirChange
    ? ` by ${authorLabel(options.theirChange.author)} at ${timeTag(options.theirChange.date)} (<a class="wb-rev" href="${escapeHtml(viewHref(base, 'commit', undefined, { revision: options.theirChange.revision }))}">${escapeHtml(shortRevision(options.theirChange.revision))}</a>: ${escapeHtml(options.theirChange.message.split('\n', 1)[0] ?? '')})`
    : '';
  const messageField = options.commitMode === 'DISABLED'
    ? ''
    : `<p class="wb-field"><label for="wb-message">Commit message${options.commitMode === 'REQUIRED' ? ' (required)' : ''}</label>
<input id="wb-message" name="message" maxlength="1000" value="${escapeHtml(options.message ?? '')}"${options.commitMode === 'REQUIRED' ? ' required' : ''}></p>`;
  return `${notice('error', `<strong>Someone else changed this page while you were editing it</strong>${change}. Your changes were <strong>not saved</strong>; they are kept below and in your draft. Merge them with the current version and save again.`)}
<h2>What saving your version would change</h2>
${options.diffHtml}
<div class="wb-conflict">
<section><h2>Current version</h2><textarea class="wb-readonly" readonly rows="18" aria-label="Current version">${escapeHtml(options.theirs)}</textarea></section>
<section><h2>Your version</h2>
<form class="wb-editor wb-conflict-form" method="post" action="${escapeHtml(viewHref(base, 'save', page))}" data-max-bytes="${options.maxBytes}">
${csrfField(options.csrf)}<input type="hidden" name="base" value="${escapeHtml(options.currentRevision)}">
<textarea id="wb-content" name="content" rows="18" aria-label="Your version">${escapeHtml(options.yours)}</textarea>
${messageField}
<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Save my merged version</button>
<a class="wb-button" href="${escapeHtml(pageHref(base, page))}">Discard my changes</a></p>
</form></section>
</div>`;
}
