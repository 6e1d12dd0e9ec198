import { escapeHtml } from '../html';

/** The dialect at a glance (docs/rendering.md has the whole of it): what to type, what it does. */
const ROWS: readonly (readonly [typed: string, meaning: string])[] = [
  ['# Title  /  ## Section', 'Headings (the first one is the page title)'],
  ['**bold**  *italic*  ~~struck~~  ==marked==', 'Emphasis'],
  ['[[Page]]  [[Shown text|Page]]  [[Page#Section]]', 'Links to wiki pages (a missing page can be created from the link)'],
  ['[text](https://example.com)  <https://example.com>', 'Links to the web'],
  ['![alt](/Page/a/picture.png)', 'An image attached to a page (paste or drop a file into the editor)'],
  ['- item  /  1. item  /  - [ ] task', 'Lists and task lists'],
  ['> quoted text', 'Quote'],
  ['> [!NOTE]  (also TIP, IMPORTANT, WARNING, CAUTION)', 'Alert box; every line starts with >'],
  ['::: info  …  :::  (also warning, danger, success)', 'Coloured block'],
  ['>! hidden text', 'Spoiler, revealed on click'],
  ['>| Summary line  then  >| more text', 'Fold that opens on click'],
  ['`code`  and  ```python … ```', 'Code, highlighted by language (```python= numbers the lines)'],
  ['$E=mc^2$  and  $$ … $$', 'Math (LaTeX)'],
  ['```mermaid … ```', 'Diagrams'],
  ['| a | b |  then  | --- | --- |', 'Tables'],
  ['Text[^1]  and  [^1]: Note', 'Footnotes'],
  ['*[HTML]: Hyper Text Markup Language', 'Abbreviations, explained on hover'],
  ['---  at the top, then  title: …  ---', 'Properties (YAML front matter)'],
];

/**
 * The editor's syntax help: a `<details>` under the text (it opens without JavaScript) with the
 * constructs of the wiki's markdown dialect and an example of each.
 */
export function renderCheatsheet(): string {
  const rows = ROWS.map(([typed, meaning]) => `<tr><td><code>${escapeHtml(typed)}</code></td><td>${escapeHtml(meaning)}</td></tr>`).join('');
  return `<details class="wb-cheatsheet"><summary>Markdown help</summary>
<div class="wb-table-scroll"><table class="wb-table"><thead><tr><th scope="col">Type</th><th scope="col">For</th></tr></thead><tbody>${rows}</tbody></table></div>
</details>`;
}
