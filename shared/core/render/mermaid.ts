import { escapeHtml } from '../html';

/**
 * A mermaid diagram, drawn in the browser by the mermaid script that the assembler adds only to
 * pages that have one. As in Otter Wiki (and GitHub), a literal `\n` in the source is a line break.
 */
export function renderMermaid(source: string): string {
  return `<pre class="mermaid">${escapeHtml(source.replace(/\\n/g, '<br/>').trim())}\n</pre>`;
}
