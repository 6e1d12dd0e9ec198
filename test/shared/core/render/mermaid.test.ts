import { renderMermaid } from '../../../../shared/core/render/mermaid';

describe('renderMermaid', () => {
  it('escapes the diagram source for the browser to draw', () => {
    expect(renderMermaid('graph TD;\n  A-->B;')).toBe('<pre class="mermaid">graph TD;\n  A--&gt;B;\n</pre>');
  });

  it('turns a literal \\n into a line break, as GitHub and Otter Wiki do', () => {
    expect(renderMermaid('A[one\\ntwo]')).toContain('one&lt;br/&gt;two');
  });
});
