import { parseWikilinkStyle, resolveWikilink } from '../../../../shared/core/render/wikilink';
import { WIKILINK_PIPE } from '../../../../shared/core/render/wikilinkPipes';

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
});
