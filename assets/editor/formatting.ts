/**
 * The editor toolbar's formatting commands, as pure text edits: the document, the selection in,
 * one change and the new selection out (CodeMirror applies them; tests call them directly).
 * Inline marks wrap the selection (or a placeholder word, selected so typing replaces it) and
 * unwrap when already wrapped; line prefixes toggle on every selected line.
 */
export interface Selection {
  readonly from: number;
  readonly to: number;
}

export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
  readonly selection: Selection;
}

type Wrap = { readonly kind: 'wrap'; readonly before: string; readonly after: string; readonly placeholder: string };
/** `has`: the line already has this prefix (toggle off); `strip`: prefixes of its kind it replaces. */
type Prefix = { readonly kind: 'prefix'; readonly prefix: (index: number) => string; readonly has: RegExp; readonly strip: RegExp };
type Block = { readonly kind: 'block'; readonly text: string; readonly select: readonly [number, number] };

const wrap = (before: string, after: string, placeholder: string): Wrap => ({ kind: 'wrap', before, after, placeholder });
const prefix = (make: (index: number) => string, has: RegExp, strip = has): Prefix => ({ kind: 'prefix', prefix: make, has, strip });
const LIST_ITEM = /^([-*+]|\d+[.)]) (\[[ x]\] )?/;
const block = (text: string, select: readonly [number, number]): Block => ({ kind: 'block', text, select });

/** The toolbar's commands, in toolbar order, with their label and a keyboard shortcut if any. */
export const FORMATS = {
  bold: { label: 'Bold', key: 'Mod-b', edit: wrap('**', '**', 'bold text') },
  italic: { label: 'Italic', key: 'Mod-i', edit: wrap('*', '*', 'italic text') },
  strike: { label: 'Strikethrough', edit: wrap('~~', '~~', 'struck text') },
  mark: { label: 'Highlight', edit: wrap('==', '==', 'highlighted text') },
  heading: { label: 'Heading', edit: prefix(() => '## ', /^## /, /^#{1,6} /) },
  link: { label: 'Link', key: 'Mod-k', edit: wrap('[', '](https://)', 'link text') },
  wikilink: { label: 'Wiki link', edit: wrap('[[', ']]', 'Page name') },
  code: { label: 'Inline code', edit: wrap('`', '`', 'code') },
  codeblock: { label: 'Code block', edit: block('```python\ncode\n```\n', [10, 14]) },
  quote: { label: 'Quote', edit: prefix(() => '> ', /^> ?/) },
  bullets: { label: 'Bulleted list', edit: prefix(() => '- ', /^[-*+] (?!\[[ x]\] )/, LIST_ITEM) },
  numbers: { label: 'Numbered list', edit: prefix((i) => `${i + 1}. `, /^\d+[.)] /, LIST_ITEM) },
  tasks: { label: 'Task list', edit: prefix(() => '- [ ] ', /^[-*+] \[[ x]\] /, LIST_ITEM) },
  table: { label: 'Table', edit: block('| Column | Column |\n| ------ | ------ |\n| Cell   | Cell   |\n', [2, 8]) },
  math: { label: 'Formula', edit: wrap('$', '$', 'E=mc^2') },
  rule: { label: 'Horizontal rule', edit: block('\n---\n', [5, 5]) },
} as const;

export type FormatName = keyof typeof FORMATS;

export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(FORMATS, name);
}

function wrapEdit(doc: string, sel: Selection, spec: Wrap): TextEdit {
  const { before, after } = spec;
  const selected = doc.slice(sel.from, sel.to);
  // Already wrapped (marks just outside the selection): unwrap.
  if (doc.slice(sel.from - before.length, sel.from) === before && doc.slice(sel.to, sel.to + after.length) === after && selected) {
    return { from: sel.from - before.length, to: sel.to + after.length, insert: selected, selection: { from: sel.from - before.length, to: sel.to - before.length } };
  }
  const text = selected || spec.placeholder;
  const start = sel.from + before.length;
  return { from: sel.from, to: sel.to, insert: `${before}${text}${after}`, selection: { from: start, to: start + text.length } };
}

function prefixEdit(doc: string, sel: Selection, spec: Prefix): TextEdit {
  const from = doc.lastIndexOf('\n', sel.from - 1) + 1;
  const lineEnd = doc.indexOf('\n', sel.to);
  const to = lineEnd === -1 ? doc.length : lineEnd;
  const lines = doc.slice(from, to).split('\n');
  const all = lines.every((line) => spec.has.test(line));
  const insert = lines.map((line, i) => (all ? line.replace(spec.strip, '') : `${spec.prefix(i)}${line.replace(spec.strip, '')}`)).join('\n');
  return { from, to, insert, selection: { from, to: from + insert.length } };
}

function blockEdit(doc: string, sel: Selection, spec: Block): TextEdit {
  // A block starts on a line of its own.
  const lead = sel.from > 0 && doc[sel.from - 1] !== '\n' ? '\n\n' : '';
  const start = sel.from + lead.length;
  return { from: sel.from, to: sel.to, insert: `${lead}${spec.text}`, selection: { from: start + spec.select[0], to: start + spec.select[1] } };
}

/** The edit that applies `name` to `doc` with `sel` selected. */
export function formatEdit(name: FormatName, doc: string, sel: Selection): TextEdit {
  const { edit } = FORMATS[name];
  if (edit.kind === 'wrap') return wrapEdit(doc, sel, edit);
  if (edit.kind === 'prefix') return prefixEdit(doc, sel, edit);
  return blockEdit(doc, sel, edit);
}
