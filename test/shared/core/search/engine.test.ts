import { searchDoc, searchDocs } from '../../../../shared/core/search/engine';
import type { IndexedPage } from '../../../../shared/ports/pageIndex';

const page = (path: string, title: string): IndexedPage => ({
  path, key: path.toLowerCase(), title, headings: [], size: 0, blob: 'b', updated: '2026-01-01T00:00:00.000Z',
});
const doc = (path: string, title: string, text: string) => searchDoc(page(path, title), text);

const DOCS = [
  doc('home', 'Home', '# Home\n\nWelcome to the wiki. See the Install guide.\n'),
  doc('docs/install', 'Install', '# Install\n\nRun npm install, then npm start.\nInstall again if npm fails.\n'),
  doc('docs/faq', 'FAQ', '# FAQ\n\nHow do I install plugins? Ask on the forum.\nThe <script> tag is escaped.\n'),
  doc('notes/cooking', 'Cooking', '# Cooking\n\nBoil water. Add pasta. CamelCase Word.\n'),
];

describe('searchDocs: plain queries', () => {
  it('finds pages with every word, ranks title matches first, and marks matches in escaped snippets', async () => {
    const result = await searchDocs(DOCS, { text: 'install' });
    expect(result.total).toBe(3);
    expect(result.complete).toBe(true);
    expect(result.hits[0]!.page.path).toBe('docs/install');
    expect(result.hits[0]!.titleHtml).toBe('<mark>Install</mark>');
    expect(result.hits[0]!.snippets[0]).toBe('# <mark>Install</mark>');
    expect(result.hits.map((h) => h.page.path)).toEqual(expect.arrayContaining(['home', 'docs/faq']));
  });

  it('requires all words, and prefers the exact phrase', async () => {
    expect((await searchDocs(DOCS, { text: 'npm pasta' })).total).toBe(0);
    const both = await searchDocs(DOCS, { text: 'install plugins' });
    expect(both.hits.map((h) => h.page.path)).toEqual(['docs/faq']);
    const phrase = await searchDocs(DOCS, { text: '"npm start"' });
    expect(phrase.hits.map((h) => h.page.path)).toEqual(['docs/install']);
    expect(phrase.hits[0]!.snippets[0]).toContain('<mark>npm start</mark>');
  });

  it('escapes HTML around the marks', async () => {
    const result = await searchDocs(DOCS, { text: 'script' });
    expect(result.hits[0]!.snippets).toEqual(['The &lt;<mark>script</mark>&gt; tag is escaped.']);
  });

  it('matches case-insensitively unless matchCase, page names always', async () => {
    expect((await searchDocs(DOCS, { text: 'camelcase' })).total).toBe(1);
    expect((await searchDocs(DOCS, { text: 'camelcase', matchCase: true })).total).toBe(0);
    expect((await searchDocs(DOCS, { text: 'CamelCase', matchCase: true })).total).toBe(1);
    // "cooking" is in the page name; the text has "Cooking" only.
    expect((await searchDocs(DOCS, { text: 'cooking', matchCase: true })).hits.map((h) => h.page.path)).toEqual(['notes/cooking']);
  });

  it('honours limit and reports the total', async () => {
    const result = await searchDocs(DOCS, { text: 'the', limit: 1 });
    expect(result.hits).toHaveLength(1);
    expect(result.total).toBeGreaterThan(1);
    expect(result.searched).toBe(4);
  });

  it('refuses empty, over-long and control-character queries', async () => {
    await expect(searchDocs(DOCS, { text: '  ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(searchDocs(DOCS, { text: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(searchDocs(DOCS, { text: 'a\u0000b' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(searchDocs(DOCS, { text: 'a b c d e f g h i' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('cuts long lines around the match', async () => {
    const long = `${'lorem ipsum '.repeat(50)}needle${' dolor sit'.repeat(50)}`;
    const [hit] = (await searchDocs([doc('long', 'Long', long)], { text: 'needle' })).hits;
    expect(hit!.snippets[0]).toMatch(/^….*<mark>needle<\/mark>.*…$/);
    expect(hit!.snippets[0]!.length).toBeLessThan(260);
  });

  it('keeps offsets right when lowercasing changes the length (İ)', async () => {
    const [hit] = (await searchDocs([doc('tr', 'TR', 'İİİ needle here')], { text: 'needle' })).hits;
    expect(hit!.snippets).toEqual(['İİİ <mark>needle</mark> here']);
  });
});

describe('searchDocs: regex queries', () => {
  it('matches line by line with RE2 syntax and marks the matches', async () => {
    const result = await searchDocs(DOCS, { text: '^Run (npm|yarn) \\w+', regex: true });
    expect(result.hits.map((h) => h.page.path)).toEqual(['docs/install']);
    expect(result.hits[0]!.snippets[0]).toBe('<mark>Run npm install</mark>, then npm start.');
  });

  it('is case-insensitive unless matchCase', async () => {
    expect((await searchDocs(DOCS, { text: 'camel\\w+', regex: true })).total).toBe(1);
    expect((await searchDocs(DOCS, { text: 'camel\\w+', regex: true, matchCase: true })).total).toBe(0);
  });

  it('ranks page-name matches first', async () => {
    const result = await searchDocs(DOCS, { text: 'inst.ll', regex: true });
    expect(result.hits[0]!.page.path).toBe('docs/install');
    expect(result.hits[0]!.titleHtml).toBe('<mark>Install</mark>');
  });

  it('refuses an invalid pattern with a 400', async () => {
    await expect(searchDocs(DOCS, { text: '(unclosed', regex: true })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(searchDocs(DOCS, { text: '(a)\\1', regex: true })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  // A backtracking engine would not finish this within the test's timeout; re2js is linear.
  it('runs catastrophic patterns to completion (re2js, no backtracking)', async () => {
    const evil = [doc('evil', 'Evil', `${'a'.repeat(50_000)}!`)];
    const result = await searchDocs(evil, { text: '(a+)+$', regex: true });
    expect(result.total).toBe(0);
  });

  it('stops at the time limit and says the results are incomplete', async () => {
    const many = Array.from({ length: 400 }, (_, i) => doc(`p${i}`, `P${i}`, `${'word '.repeat(2000)}\n`));
    const result = await searchDocs(many, { text: 'w\\w*d', regex: true, timeLimitMs: 1 });
    expect(result.complete).toBe(false);
    expect(result.searched).toBeLessThan(400);
  });
});
