import { formatEdit, isFormatName, type FormatName, type TextEdit } from '../../../assets/editor/formatting';

/** Applies the edit; `«` and `»` mark the selection before and after. */
function apply(name: FormatName, marked: string): string {
  const from = marked.indexOf('«');
  const to = marked.indexOf('»') - 1;
  const doc = marked.replace('«', '').replace('»', '');
  const edit: TextEdit = formatEdit(name, doc, { from, to });
  const out = doc.slice(0, edit.from) + edit.insert + doc.slice(edit.to);
  return `${out.slice(0, edit.selection.from)}«${out.slice(edit.selection.from, edit.selection.to)}»${out.slice(edit.selection.to)}`;
}

describe('formatting', () => {
  it('wraps the selection in a mark, and unwraps it when applied again', () => {
    expect(apply('bold', 'say «hello» now')).toBe('say **«hello»** now');
    expect(apply('bold', 'say **«hello»** now')).toBe('say «hello» now');
    expect(apply('mark', '«x»')).toBe('==«x»==');
  });

  it('inserts a selected placeholder when nothing is selected', () => {
    expect(apply('italic', 'a «»b')).toBe('a *«italic text»*b');
    expect(apply('wikilink', '«»')).toBe('[[«Page name»]]');
    expect(apply('link', 'see «»')).toBe('see [«link text»](https://)');
  });

  it('toggles a line prefix on every selected line', () => {
    expect(apply('bullets', 'one\nt«wo\nthr»ee')).toBe('one\n«- two\n- three»');
    expect(apply('bullets', '«- two\n- three»')).toBe('«two\nthree»');
    expect(apply('numbers', '«a\nb»')).toBe('«1. a\n2. b»');
    expect(apply('quote', 'x«»')).toBe('«> x»');
    expect(apply('heading', '### T«»itle')).toBe('«## Title»');
  });

  it('keeps task items apart from plain bullets', () => {
    expect(apply('tasks', '«- plain»')).toBe('«- [ ] plain»');
    expect(apply('tasks', '«- [x] done»')).toBe('«done»');
  });

  it('starts a block on a line of its own and selects its placeholder', () => {
    expect(apply('codeblock', 'text«»')).toBe('text\n\n```python\n«code»\n```\n');
    expect(apply('table', '«»')).toBe('| «Column» | Column |\n| ------ | ------ |\n| Cell   | Cell   |\n');
  });

  it('knows its command names and nothing else', () => {
    expect(isFormatName('bold')).toBe(true);
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('script')).toBe(false);
  });
});
