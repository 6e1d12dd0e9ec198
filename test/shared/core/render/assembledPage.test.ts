import { parse } from 'parse5';
import { fillSlots } from '../../../../shared/core/fragments/slots';
import { renderShell } from '../../../../shared/core/fragments/shell';
import { renderPage } from '../../../../shared/core/render/renderPage';

/**
 * Issue 11: what a browser makes of the assembled page (shell + content), parsed with parse5's
 * full-document parser, not the fragment parser the filter itself uses (which drops `<body>` and
 * `<html>` and so hides their effect). The allow-list is hostile on purpose, as an imported Otter
 * Wiki wiki.db could make it: the renderer must hold without the setting's own checks.
 */
const HOSTILE = 'svg, a[href], animate[attributename values begin], set[attributename to], animatemotion, use[href], '
  + 'body[onload style class], html[style lang], head, base[href], meta[http-equiv content], frameset[onload], math[href], '
  + 'maction[actiontype], foreignobject, noscript, xmp, style, link[rel href], p[style onclick]';

const shell = renderShell({ basePath: '/alice/notes', siteName: 'Notes' });
const assemble = (markdown: string, allowlist = HOSTILE) => fillSlots(shell, {
  title: 'T', path: '/alice/notes/T', content: renderPage(markdown, { basePath: '/alice/notes', htmlAllowlist: allowlist }).html,
});

type Node = { tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; content?: { childNodes: Node[] } };
const elementsOf = (node: Node, out: Node[] = []): Node[] => {
  if (node.tagName) out.push(node);
  for (const child of [...(node.childNodes ?? []), ...(node.content?.childNodes ?? [])]) elementsOf(child, out);
  return out;
};
const documentAttrs = (html: string) => {
  const all = elementsOf(parse(html) as unknown as Node);
  return Object.fromEntries(['html', 'head', 'body'].map((tag) => [tag, all.filter((e) => e.tagName === tag).map((e) => e.attrs)]));
};
const BASELINE = documentAttrs(assemble('# T\n\nplain'));

// Each vector: a document-level tag spelled some way, in some markdown context.
const DOCUMENT_TAGS = ['<body class="evil">', '<BODY class="evil">', '<body\tclass="evil">', '<body/class="evil">', '<body\nclass="evil">',
  '<html lang="evil">', '<HtMl style="evil">', '<head><base href="https://evil.example/">', '</p><body class="evil">', '</body><body class="evil">',
  '<frameset onload="evil">', '<body onload="evil()">', '<svg><body class="evil"></svg>', '<math><body class="evil"></math>',
  '<noscript><body class="evil"></noscript>', '<xmp><body class="evil"></xmp>', '</html><html class="evil">', '<p><html class="evil"></p>'];
const CONTEXTS: [string, (v: string) => string][] = [
  ['a block', (v) => v], ['inline', (v) => `text ${v} more`], ['a quote', (v) => `> ${v}`], ['a list', (v) => `- ${v}`],
  ['a table cell', (v) => `| a | b |\n|---|---|\n| ${v} | x |`], ['a ::: block', (v) => `::: info\n${v}\n:::`], ['a spoiler', (v) => `>! ${v}`],
  ['after an allowed chunk', (v) => `<span>ok</span>${v}`],
];

describe('the assembled page, parsed as a full document', () => {
  it.each(CONTEXTS.flatMap(([where, wrap]) => DOCUMENT_TAGS.map((tag) => [tag, where, wrap(tag)] as const)))(
    '%s in %s leaves html, head and body as the shell made them', (_tag, _where, markdown) => {
      expect(documentAttrs(assemble(markdown))).toEqual(BASELINE);
    });

  it.each([
    '<svg><a href="#ok"><animate attributeName="href" values="javascript:alert(1)" begin="0s"/><rect/></a></svg>',
    '<svg><a><set attributeName="href" to="javascript:alert(1)"/><rect/></a></svg>',
    '<svg><a href="#x"><animateMotion/><animate attributeName="href" values="#a;javascript:alert(1)"/></a></svg>',
    '<svg><use href="data:image/svg+xml,x#y"/></svg>', '<math href="javascript:alert(1)">x</math>', '<math><maction actiontype="toggle">x</maction></math>',
    '<svg><foreignobject><p onclick="alert(1)">x</p></foreignobject></svg>', '<p onclick="alert(1)">x</p>', '<style>*{x:y}</style>',
    '<link rel="stylesheet" href="https://evil.example/s.css">', '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  ])('never lets %j become an animating, scripted or loading element', (markdown) => {
    const all = elementsOf(parse(assemble(markdown)) as unknown as Node);
    const content = all.filter((e) => !['html', 'head', 'body'].includes(e.tagName!));
    const fromPage = content.filter((e) => (e.attrs ?? []).some((a) => /alert|evil|javascript|data:/i.test(a.value) || /^on/i.test(a.name)));
    expect(fromPage.map((e) => e.tagName)).toEqual([]);
    expect(content.filter((e) => ['animate', 'set', 'animatemotion', 'use', 'maction', 'foreignobject'].includes(e.tagName!)).length).toBe(0);
  });
});
