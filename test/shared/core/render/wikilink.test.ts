import { parseWikilinkStyle, resolveWikilink } from '../../../../shared/core/render/wikilink';
import { WIKILINK_PIPE } from '../../../../shared/core/render/wikilinkPipes';
import { html } from './renderHelpers';

describe('wikilink', () => {
  it('reads WIKILINK_STYLE as Otter Wiki does', () => {
    expect(['LinkTitle', 'link_title', 'PAGENAME_TITLE', '', undefined, 'TitleLink'].map(parseWikilinkStyle))
      .toEqual(['LINKTITLE', 'LINKTITLE', 'LINKTITLE', 'TITLELINK', 'TITLELINK', 'TITLELINK']);
  });

  it('resolves title, page and slugified anchor', () => {
    expect(resolveWikilink('Title|Some Page#A Part', 'TITLELINK')).toEqual({ title: 'Title', href: '/Some%20Page#a-part' });
    expect(resolveWikilink('Some Page|Title', 'LINKTITLE')).toEqual({ title: 'Title', href: '/Some%20Page' });
    expect(resolveWikilink(`Title${WIKILINK_PIPE}Page`, 'TITLELINK')).toEqual({ title: 'Title', href: '/Page' });
    expect(resolveWikilink('  ', 'TITLELINK')).toBeUndefined();
  });

  it('keeps a link from holding a wikilink, as links cannot contain links', () => {
    const out = html('[see [[Page]]](https://example.com) and [a [[b]] c][r]\n\n[r]: /y');
    expect(out).toContain('[see <a href="/alice/notes/Page" class="wikilink">Page</a>](');
    expect(out).toContain('[a <a href="/alice/notes/b" class="wikilink">b</a> c]<a href="/alice/notes/y">r</a>');
    expect(out.match(/<a /g)).toHaveLength(4);
  });
});
