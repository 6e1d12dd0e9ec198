/**
 * The page editor (bundled by tools/buildAssets.ts into a content-hashed `editor.js`, loaded only
 * by the edit view). It enhances the plain form of shared/core/views/editor.ts, which works
 * without it:
 *
 * - CodeMirror 6 with markdown highlighting replaces the textarea (kept in sync, so the form posts
 *   the text as before);
 * - a live preview beside the text, rendered by the server's real renderer (POST …/-/preview);
 * - draft autosave into wiki.db (POST …/-/draft) a moment after typing stops;
 * - files pasted or dropped into the text are uploaded as attachments (POST …/-/attachments)
 *   and linked at the cursor;
 * - Ctrl/Cmd+S saves;
 * - a formatting toolbar (assets/editor/formatting.ts) with Ctrl/Cmd+B, I and K.
 *
 * Every POST carries the form's CSRF token (header and field). No inline script, no eval: it runs
 * under the pages' Content-Security-Policy.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { formatEdit, FORMATS, isFormatName, type FormatName } from './formatting';

const PREVIEW_DELAY = 350;
const DRAFT_DELAY = 1500;

// Colours from the site's CSS variables, so light and dark mode both read well.
const highlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '700', color: 'var(--fg-strong)' },
  { tag: tags.heading1, fontSize: '1.15em' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--link)' },
  { tag: tags.monospace, color: 'var(--accent)', fontFamily: 'var(--font-mono)' },
  { tag: tags.quote, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: 'var(--faint)' },
  { tag: tags.list, color: 'var(--accent-strong)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--fg)', border: '1px solid var(--line-strong)', borderRadius: '8px', minHeight: '24rem' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', fontSize: '0.92rem', lineHeight: '1.6' },
  '.cm-content': { padding: '0.75rem 0', caretColor: 'var(--fg-strong)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-soft)', color: 'var(--faint)', border: 'none', borderRight: '1px solid var(--line)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'color-mix(in srgb, var(--accent) 25%, transparent)' },
  '.cm-cursor': { borderLeftColor: 'var(--fg-strong)' },
});

interface EditorEnv {
  form: HTMLFormElement;
  textarea: HTMLTextAreaElement;
  preview: HTMLElement;
  status: HTMLElement;
  csrf: string;
}

function setStatus(env: EditorEnv, text: string, kind: 'info' | 'error' = 'info') {
  env.status.textContent = text;
  env.status.classList.toggle('wb-error-text', kind === 'error');
}

async function post(env: EditorEnv, url: string, body: URLSearchParams | FormData): Promise<Response> {
  if (body instanceof URLSearchParams) body.set('csrf', env.csrf);
  else body.set('csrf', env.csrf);
  return fetch(url, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': env.csrf },
  });
}

async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `${response.status} ${response.statusText}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

function debounce(fn: () => void, ms: number): (() => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  return Object.assign(schedule, { cancel: () => timer && clearTimeout(timer) });
}

/** Applies a toolbar command to the editor's main selection. */
function applyFormat(view: EditorView, name: FormatName): boolean {
  const { from, to } = view.state.selection.main;
  const edit = formatEdit(name, view.state.doc.toString(), { from, to });
  view.dispatch({ changes: { from: edit.from, to: edit.to, insert: edit.insert }, selection: { anchor: edit.selection.from, head: edit.selection.to } });
  view.focus();
  return true;
}

/** The toolbar above the text: one button per command, named for screen readers and with its shortcut. */
function toolbar(view: EditorView): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'wb-format-bar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Formatting');
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
  for (const [name, spec] of Object.entries(FORMATS)) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `wb-tool wb-tool-${name}`;
    button.dataset.format = name;
    const key = 'key' in spec ? ` (${mod}${spec.key.slice(4).toUpperCase()})` : '';
    button.title = `${spec.label}${key}`;
    button.setAttribute('aria-label', spec.label);
    button.textContent = TOOL_TEXT[name as FormatName];
    bar.appendChild(button);
  }
  bar.addEventListener('click', (event) => {
    const name = (event.target as Element).closest<HTMLElement>('[data-format]')?.dataset.format;
    if (name && isFormatName(name)) applyFormat(view, name);
  });
  return bar;
}

const TOOL_TEXT: Record<FormatName, string> = {
  bold: 'B', italic: 'I', strike: 'S', mark: '==', heading: 'H', link: 'Link', wikilink: '[[ ]]', code: '</>',
  codeblock: '```', quote: '❝', bullets: '•', numbers: '1.', tasks: '☑', table: '▦', math: '∑', rule: '—',
};

function start(form: HTMLFormElement) {
  const textarea = form.querySelector<HTMLTextAreaElement>('textarea[name="content"]');
  const preview = form.querySelector<HTMLElement>('.wb-editor-preview');
  const status = form.querySelector<HTMLElement>('.wb-editor-status');
  const csrf = form.querySelector<HTMLInputElement>('input[name="csrf"]')?.value;
  if (!textarea || !preview || !status || !csrf) return;
  const env: EditorEnv = { form, textarea, preview, status, csrf };
  const base = () => form.querySelector<HTMLInputElement>('input[name="base"]')?.value ?? '';
  let saving = false;
  let previewSeq = 0;
  let lastDraft = textarea.value;

  const refreshPreview = async () => {
    const seq = ++previewSeq;
    try {
      const response = await post(env, form.dataset.previewUrl!, new URLSearchParams({ content: textarea.value }));
      if (seq !== previewSeq) return;
      if (!response.ok) {
        setStatus(env, `Preview failed: ${await errorText(response)}`, 'error');
        return;
      }
      const body = (await response.json()) as { html: string };
      // The server's renderer output: the same HTML the page will publish (escaped and allow-listed there).
      preview.innerHTML = body.html;
      preview.hidden = false;
      form.classList.add('wb-live-preview');
    } catch {
      if (seq === previewSeq) setStatus(env, 'Preview failed: the server could not be reached.', 'error');
    }
  };

  const saveDraft = async () => {
    if (saving || textarea.value === lastDraft) return;
    const content = textarea.value;
    const head = view.state.selection.main.head;
    const line = view.state.doc.lineAt(head);
    try {
      const response = await post(env, form.dataset.draftUrl!, new URLSearchParams({
        content, base: base(), cursor_line: String(line.number - 1), cursor_ch: String(head - line.from),
      }));
      if (!response.ok) {
        setStatus(env, `Draft not saved: ${await errorText(response)}`, 'error');
        return;
      }
      lastDraft = content;
      setStatus(env, `Draft saved at ${new Date().toLocaleTimeString()}.`);
    } catch {
      setStatus(env, 'Draft not saved: the server could not be reached.', 'error');
    }
  };

  const schedulePreview = debounce(() => void refreshPreview(), PREVIEW_DELAY);
  const scheduleDraft = debounce(() => void saveDraft(), DRAFT_DELAY);

  const upload = async (files: readonly File[]) => {
    if (files.length === 0) return;
    if (form.dataset.exists !== 'true') {
      setStatus(env, 'Save the page once before attaching files to it.', 'error');
      return;
    }
    const max = Number(form.dataset.maxUploadBytes ?? '0');
    const tooBig = files.find((f) => max > 0 && f.size > max);
    if (tooBig) {
      setStatus(env, `${tooBig.name} is larger than ${Math.round(max / 1024 / 1024)} MB.`, 'error');
      return;
    }
    const body = new FormData();
    for (const file of files) body.append('file', file, file.name || `pasted-${Date.now()}.png`);
    setStatus(env, `Uploading ${files.length} file${files.length === 1 ? '' : 's'}…`);
    try {
      const response = await post(env, form.dataset.uploadUrl!, body);
      if (!response.ok) {
        setStatus(env, `Upload failed: ${await errorText(response)}`, 'error');
        return;
      }
      const result = (await response.json()) as { attachments: { name: string; contentType: string }[] };
      const pagePath = form.dataset.attachmentBase ?? '';
      const links = result.attachments.map((a) => {
        const url = `${pagePath}/a/${encodeURIComponent(a.name)}`;
        return a.contentType.startsWith('image/') ? `![${a.name}](${url})` : `[${a.name}](${url})`;
      });
      const { from, to } = view.state.selection.main;
      const insert = links.join('\n');
      view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + insert.length } });
      view.focus();
      setStatus(env, `Attached ${result.attachments.map((a) => a.name).join(', ')}.`);
    } catch {
      setStatus(env, 'Upload failed: the server could not be reached.', 'error');
    }
  };

  const view = new EditorView({
    parent: textarea.parentElement!,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        markdown(),
        syntaxHighlighting(highlight),
        theme,
        EditorView.contentAttributes.of({ 'aria-label': 'Markdown', spellcheck: 'true' }),
        keymap.of([
          { key: 'Mod-s', preventDefault: true, run: () => (form.requestSubmit(), true) },
          ...Object.entries(FORMATS).flatMap(([name, spec]) => ('key' in spec ? [{ key: spec.key, run: (v: EditorView) => applyFormat(v, name as FormatName) }] : [])),
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          schedulePreview();
          scheduleDraft();
        }),
        EditorView.domEventHandlers({
          paste: (event) => {
            const files = [...(event.clipboardData?.files ?? [])];
            if (files.length === 0) return false;
            event.preventDefault();
            void upload(files);
            return true;
          },
          drop: (event, v) => {
            const files = [...(event.dataTransfer?.files ?? [])];
            if (files.length === 0) return false;
            event.preventDefault();
            const pos = v.posAtCoords({ x: event.clientX, y: event.clientY });
            if (pos !== null) v.dispatch({ selection: { anchor: pos } });
            void upload(files);
            return true;
          },
        }),
      ],
    }),
  });
  textarea.hidden = true;
  textarea.parentElement!.insertBefore(toolbar(view), view.dom);
  textarea.parentElement!.classList.add('wb-has-editor');
  form.classList.add('wb-enhanced');
  form.addEventListener('submit', () => {
    saving = true;
    scheduleDraft.cancel();
    schedulePreview.cancel();
    textarea.value = view.state.doc.toString();
  });
  // The no-JavaScript Preview button is replaced by the live preview.
  form.querySelector('.wb-preview-button')?.setAttribute('hidden', '');
  // Exposed for tests and for people who script their browser.
  (window as unknown as { wikibotEditor?: EditorView }).wikibotEditor = view;
  void refreshPreview();
}

const form = document.querySelector<HTMLFormElement>('form.wb-editor[data-preview-url]');
if (form) start(form);
