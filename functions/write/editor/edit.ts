import { renderEditor } from '../../../shared/core/views/editor';
import { openFrame, type Frame, type ViewHandler } from '../views/frame';
import { readPage, titleOf } from '../views/pageInfo';
import { authorEmail, commitModeOf, normaliseContent } from './common';
import { readDraft, type Draft } from './drafts';

export interface EditorState {
  readonly content: string;
  readonly baseRevision: string;
  readonly exists: boolean;
  readonly message?: string;
  readonly draft?: Draft;
  readonly restoredDraft?: Draft;
  readonly previewHtml?: string;
  readonly error?: string;
}

/** The editor page with the given state (also used by save, preview and the error paths). */
export async function editorPage(frame: Frame, state: EditorState, status = 200) {
  const page = frame.page();
  const title = state.exists ? await titleOf(frame, page) : page.name;
  return frame.respond(status, {
    title: state.exists ? `Edit ${title}` : `Create ${page.name}`,
    label: 'Edit',
    current: 'edit',
    page: page.name,
    pageTitle: title,
    editor: true,
    wide: true,
    noindex: true,
    content: renderEditor({
      basePath: frame.base,
      page: page.name,
      exists: state.exists,
      content: state.content,
      baseRevision: state.baseRevision,
      commitMode: commitModeOf(frame),
      message: state.message,
      csrf: frame.csrf(),
      draft: state.draft ? { datetime: state.draft.datetime, revision: state.draft.revision } : undefined,
      restoredDraft: state.restoredDraft ? { datetime: state.restoredDraft.datetime, revision: state.restoredDraft.revision } : undefined,
      previewHtml: state.previewHtml,
      error: state.error,
      maxBytes: frame.ctx.limits.maxPageBytes,
      maxUploadBytes: frame.ctx.limits.maxAttachmentBytes,
    }),
  });
}

/**
 * GET /{user}/{wiki}/-/edit/{page}[?draft=restore|ignore]: the editor (editors and admins), on the
 * page as it is at the head, or empty for a new page. The head becomes the save's baseRevision, so
 * a change made meanwhile is caught (409). A saved draft is offered, or loaded with `draft=restore`
 * (then its own base revision is the save's base).
 */
export const editView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  const page = frame.page();
  const repo = frame.ctx.deps.repos.open(frame.id);
  const head = await repo.head();
  const [content, found] = await Promise.all([
    readPage(frame, page, head),
    readDraft(frame.ctx.deps.dbs.open(frame.id), page.file.slice(0, -3), authorEmail(frame)),
  ]);
  const mode = view.request.query.get('draft');
  const exists = content !== undefined;
  // A draft that says what the page already says (an autosave that raced the save) is no draft.
  const draft = found && normaliseContent(found.content) !== (content ?? '') ? found : undefined;
  if (draft && mode === 'restore') {
    return editorPage(frame, { content: draft.content, baseRevision: draft.revision || head, exists, restoredDraft: draft });
  }
  return editorPage(frame, {
    content: content ?? '',
    // For a new page too: the save then expects the page still not to exist (someone may create it meanwhile).
    baseRevision: head,
    exists,
    draft: mode === 'ignore' ? undefined : draft,
  });
};
