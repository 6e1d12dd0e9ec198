import { renderChangelog } from '../../../../shared/core/views/changelog';
import { renderAtom, renderRss } from '../../../../shared/core/views/feeds';
import { renderHistory, type HistoryEntry } from '../../../../shared/core/views/history';

const entry = (n: number, message = `change ${n}`): HistoryEntry & { files: string[] } => ({
  revision: `${n}`.repeat(40).slice(0, 40),
  author: { name: `Author ${n}`, email: `a${n}@x` },
  date: `2026-01-0${n}T10:00:00Z`,
  message,
  files: [`page${n}.md`, `page${n}/pic.png`],
});

describe('renderHistory', () => {
  const entries = [entry(3), entry(2), entry(1)];

  it('is a GET form to the diff view with a pair of radios per revision, newest two preselected', () => {
    const html = renderHistory({ basePath: '/u/w', page: 'Docs/My Page', entries, paged: false, canEdit: false });
    expect(html).toContain('<form class="wb-history" method="get" action="/u/w/-/diff/Docs/My%20Page">');
    expect(html.match(/name="from"/g)).toHaveLength(3);
    expect(html.match(/name="to"/g)).toHaveLength(3);
    expect(html).toContain(`name="to" value="${entries[0]!.revision}" aria-label="Compare to 3333333" checked`);
    expect(html).toContain(`name="from" value="${entries[1]!.revision}" aria-label="Compare from 2222222" checked`);
    expect(html).toContain('Compare selected');
    expect(html).toContain(`/u/w/-/diff/Docs/My%20Page?from=${entries[1]!.revision}&amp;to=${entries[0]!.revision}`);
    // The oldest entry diffs against its parent (from omitted).
    expect(html).toContain(`/u/w/-/diff/Docs/My%20Page?to=${entries[2]!.revision}`);
    expect(html).not.toContain('revert');
  });

  it('links older batches and offers revert to editors', () => {
    const html = renderHistory({ basePath: '/u/w', page: 'P', entries, nextCursor: 'c'.repeat(40), paged: true, canEdit: true });
    expect(html).toContain(`/u/w/-/history/P?cursor=${'c'.repeat(40)}`);
    expect(html).toContain('>Newest</a>');
    expect(html).toContain('/u/w/-/revert?revision=3333333');
  });

  it('escapes messages and authors', () => {
    const html = renderHistory({ basePath: '/u/w', page: 'P', entries: [entry(1, '<script>x</script>')], paged: false, canEdit: false });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('Compare selected');
  });
});

describe('renderChangelog and feeds', () => {
  const entries = [entry(2, 'Fix <b> & "quotes"\n\nmore'), entry(1)];

  it('lists commits with their files, linking pages at that revision, and the feeds', () => {
    const html = renderChangelog({ basePath: '/u/w', entries, nextCursor: 'f'.repeat(40), paged: false, canEdit: true });
    expect(html).toContain(`/u/w/-/view/page2?revision=${entries[0]!.revision}`);
    expect(html).toContain('<span class="wb-file">page2/pic.png</span>');
    expect(html).toContain('/u/w/-/changelog/feed.rss');
    expect(html).toContain('/u/w/-/changelog/feed.atom');
    expect(html).toContain(`/u/w/-/changelog?cursor=${'f'.repeat(40)}`);
    expect(html).toContain('Fix &lt;b&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('/u/w/-/revert?revision=2222222');
  });

  const options = { origin: 'https://wiki.example', basePath: '/u/w', siteName: 'My <Wiki>', entries, now: new Date('2026-02-01T00:00:00Z') };

  it('writes RSS 2.0 with absolute links and escaped text', () => {
    const rss = renderRss(options);
    expect(rss.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"')).toBe(true);
    expect(rss).toContain('<title>My &lt;Wiki&gt; changelog</title>');
    expect(rss).toContain(`<link>https://wiki.example/u/w/-/commit?revision=${entries[0]!.revision}</link>`);
    expect(rss).toContain('<title>Fix &lt;b&gt; &amp; &quot;quotes&quot;</title>');
    expect(rss).toContain('<pubDate>Fri, 02 Jan 2026 10:00:00 GMT</pubDate>');
    expect(rss.match(/<item>/g)).toHaveLength(2);
  });

  it('writes Atom 1.0 and drops characters XML forbids', () => {
    const atom = renderAtom({ ...options, entries: [entry(1, 'bad \u0001 char')] });
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom).toContain('<updated>2026-01-01T10:00:00Z</updated>');
    expect(atom).toContain('<title>bad  char</title>');
    expect(atom).not.toContain('\u0001');
    expect(renderAtom({ ...options, entries: [] })).toContain('<updated>2026-02-01T00:00:00.000Z</updated>');
  });
});
