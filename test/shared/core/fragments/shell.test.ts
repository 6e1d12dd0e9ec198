import { parseFragment } from 'parse5';
import { renderShell, renderShellFragment } from '../../../../shared/core/fragments/shell';
import { decodeShellFragment } from '../../../../shared/core/fragments/shellEnvelope';
import { SLOTS } from '../../../../shared/core/fragments/slots';

const assets = {
  'wikibot.css': '/static/aaa/wikibot.css',
  'favicon.svg': '/static/aaa/favicon.svg',
  'mermaid.min.js': '/static/bbb/mermaid.min.js',
  'mermaid-init.js': '/static/aaa/mermaid-init.js',
  'tex-chtml.js': '/static/ccc/tex-chtml.js',
  'mathjax-config.js': '/static/aaa/mathjax-config.js',
};

describe('renderShell', () => {
  const html = renderShell({ basePath: '/alice/notes', siteName: 'Notes', description: 'About notes', assets });

  it('is a whole HTML5 page with every slot, links home and searches under the base path', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    for (const marker of Object.values(SLOTS)) expect(html).toContain(marker);
    expect(html).toContain('<a class="wb-site" href="/alice/notes/">');
    expect(html).toContain('<form class="wb-search" role="search" action="/alice/notes/-/search" method="get">');
    expect(html).toContain('<a href="/alice/notes/-/index" title="All pages A–Z">A–Z</a>');
  });

  it('has a proper head: title, description, canonical, Open Graph, stylesheet, icon', () => {
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain(`<title>${SLOTS.title}<!--wb:suffix--> · Notes<!--/wb:suffix--></title>`);
    expect(head).toContain('<meta name="description" content="About notes">');
    expect(head).toContain(`<link rel="canonical" href="${SLOTS.path}">`);
    expect(head).toContain('<meta property="og:site_name" content="Notes">');
    expect(head).toContain('<link rel="stylesheet" href="/static/aaa/wikibot.css">');
    expect(head).toContain('<link rel="icon" href="/static/aaa/favicon.svg" type="image/svg+xml">');
  });

  it('sets the theme in the head, before the stylesheet paints anything', () => {
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.indexOf('data-theme')).toBeGreaterThan(0);
    expect(head.indexOf('data-theme')).toBeLessThan(head.indexOf('stylesheet'));
    expect(head).toContain("localStorage.getItem('wb-theme')");
  });

  it('loads no client library and has no edit controls', () => {
    expect(html).not.toContain('<script src');
    expect(html).not.toMatch(/-\/edit|-\/save|Edit page/);
  });

  it('parses as a document with one head, one body and one main', () => {
    const doc = parseFragment(html.replace('<!DOCTYPE html>\n', '')) as unknown as { childNodes: { nodeName: string }[] };
    expect(doc).toBeDefined();
    expect(html.match(/<main /g)).toHaveLength(1);
    expect(html.match(/<\/body>/g)).toHaveLength(1);
  });

  it('escapes the site name, description and logo', () => {
    const out = renderShell({ basePath: '/u/w', siteName: '<script>x</script>', description: '"><b>', logo: 'javascript:alert(1)' });
    expect(out).not.toContain('<script>x');
    expect(out).toContain('content="&quot;&gt;&lt;b&gt;"');
    expect(out).not.toContain('javascript:alert');
  });

  it('shows SITE_LOGO, a root-relative one inside the wiki', () => {
    expect(renderShell({ basePath: '/u/w', siteName: 'S', logo: '/Logo/logo.png' })).toContain('<img class="wb-logo" src="/u/w/Logo/logo.png" alt="">');
  });
});

describe('renderShellFragment', () => {
  it('carries the script tags of each client library for the assembler', () => {
    const { libraries, html } = decodeShellFragment(renderShellFragment({ basePath: '/u/w', siteName: 'S', assets }));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(libraries.mermaid).toBe('<script src="/static/bbb/mermaid.min.js" defer></script><script src="/static/aaa/mermaid-init.js" defer></script>');
    expect(libraries.mathjax).toBe('<script src="/static/aaa/mathjax-config.js" defer></script><script src="/static/ccc/tex-chtml.js" defer></script>');
  });
});
