import { renderAzIndex, type AzPage } from '../../../../shared/core/views/azIndex';
import { renderSitemap } from '../../../../shared/core/views/sitemap';
import { renderSearch } from '../../../../shared/core/views/search';

const page = (path: string, title: string, headings: AzPage['headings'] = []): AzPage => ({ path, title, headings });

describe('renderAzIndex', () => {
  const pages = [
    page('zebra', 'Zebra'), page('apple', 'Apple Pie', [{ level: 1, text: 'Apple Pie', anchor: 'apple-pie' }, { level: 2, text: 'Dough & <crust>', anchor: 'dough-crust' }]),
    page('docs/intro', 'Introduction'), page('docs/api/v1', 'API v1'), page('1st', 'First'), page('Äpfel', 'Äpfel'), page('2024', '2024 Plans'),
  ];

  it('groups pages by first letter, nests folders, lists folders that are no page as labels', () => {
    const html = renderAzIndex({ basePath: '/u/w', pages, headings: false, canEdit: false });
    const letters = [...html.matchAll(/<h2 id="az-[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    // By title: "1st" is "First".
    expect(letters).toEqual(['#', 'A', 'Ä', 'D', 'F', 'Z']);
    expect(html).toContain('<a href="/u/w/docs/intro">Introduction</a>');
    expect(html).toContain('<li class="wb-az-folder" style="--depth:1"><span>Api</span></li>');
    expect(html).toContain('<li class="wb-az-folder"><span>Docs</span></li>');
    expect(html).not.toContain('wb-az-headings');
    expect(html).not.toContain('/-/edit/');
  });

  it('shows headings when asked, with anchors, escaped, and edit links for editors', () => {
    const html = renderAzIndex({ basePath: '/u/w', pages, headings: true, canEdit: true });
    expect(html).toContain('<a href="/u/w/apple#dough-crust">Dough &amp; &lt;crust&gt;</a>');
    expect(html).toContain('href="/u/w/-/edit/apple"');
  });

  // Its time is measured in `npm run bench` (A–Z at 10,000 pages), never asserted here.
  it('renders every one of 10,000 pages from the index alone', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => page(`section ${i % 50}/page ${i}`, `Page ${i}`, [{ level: 2, text: 'H', anchor: 'h' }]));
    const html = renderAzIndex({ basePath: '/u/w', pages: many, headings: true, canEdit: true });
    expect(html.match(/class="wb-az-page"/g)).toHaveLength(10_000);
  });

  it('says when the wiki has no pages', () => {
    expect(renderAzIndex({ basePath: '/u/w', pages: [], headings: false, canEdit: false })).toContain('no pages yet');
  });
});

describe('renderSitemap', () => {
  it('lists absolute page URLs with their last change; the home page is the wiki root', () => {
    const xml = renderSitemap('https://w.example', '/u/w', [
      { path: 'home', updated: '2026-03-04T05:06:07Z' }, { path: 'Docs/A & B', updated: 'nonsense' },
    ]);
    expect(xml).toContain('<url><loc>https://w.example/u/w/</loc><lastmod>2026-03-04</lastmod></url>');
    expect(xml).toContain('<url><loc>https://w.example/u/w/Docs/A%20%26%20B</loc></url>');
    expect(xml).toContain('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"');
  });
});

describe('renderSearch', () => {
  it('is a GET form that keeps the query and options', () => {
    const html = renderSearch({ basePath: '/u/w', query: '"x" <y>', matchCase: true, regex: false });
    expect(html).toContain('method="get" action="/u/w/-/search"');
    expect(html).toContain('value="&quot;x&quot; &lt;y&gt;"');
    expect(html).toContain('name="case" value="1" checked');
    expect(html).not.toContain('name="regex" value="1" checked');
  });

  it('shows ranked results with their (already escaped) marked snippets, totals and partial results', () => {
    const html = renderSearch({
      basePath: '/u/w', query: 'tea', matchCase: false, regex: true, total: 3, complete: false, elapsedMs: 4.2,
      results: [{ path: 'Drinks/Tea', titleHtml: '<mark>Tea</mark>', snippets: ['Green <mark>tea</mark> &amp; more'] }],
    });
    expect(html).toContain('<a class="wb-result-title" href="/u/w/Drinks/Tea"><mark>Tea</mark></a>');
    expect(html).toContain('<p class="wb-snippet">Green <mark>tea</mark> &amp; more</p>');
    expect(html).toContain('3 pages match <strong>tea</strong>, the best 1 shown in 4.2 ms.');
    expect(html).toContain('cover only part of the wiki');
  });

  it('shows errors instead of results', () => {
    expect(renderSearch({ basePath: '/u/w', query: '(', matchCase: false, regex: true, error: 'Bad <regex>' })).toContain('Bad &lt;regex&gt;');
  });
});
