import {
  attachmentKeyForPath, attachmentObjectKey, attachmentUrl, contentTypeOf, dispositionOf, parseAttachmentName,
} from '../../../shared/core/attachments';
import { InvalidInputError } from '../../../shared/core/errors';

describe('parseAttachmentName', () => {
  it('accepts ordinary file names, keeping their case', () => {
    for (const name of ['diagram.png', 'Report Q1 (final).PDF', 'naïve-café_1.txt', 'archive.tar.gz', 'README']) {
      expect(parseAttachmentName(name)).toBe(name);
    }
  });

  it('applies NFKC', () => {
    expect(parseAttachmentName('ﬁle.png')).toBe('file.png');
  });

  it.each([
    '', '.', '..', '.git', '.htaccess', '../x.png', 'a/b.png', 'a\\b.png', 'C:x.png', 'a\u0000.png', 'a\n.png',
    ' lead.png', 'trail.png ', 'page.md', 'PAGE.MD', 'a?.png', 'a#.png', 'a%2e.png', 'x'.repeat(256), 'a／b.png', 'a＼b.png',
  ])('rejects %j', (name) => {
    expect(() => parseAttachmentName(name)).toThrow(InvalidInputError);
  });
});

describe('attachment keys and URLs', () => {
  const id = { user: 'alice', wiki: 'notes' };

  it('keys attachments by the case-folded page key beside the fragments', () => {
    expect(attachmentObjectKey(id, 'docs/intro', 'Diagram.png')).toBe('attachments/alice/notes/docs/intro/Diagram.png');
    expect(attachmentUrl(id, 'docs/getting started', 'a b.png')).toBe('/alice/notes/docs/getting%20started/a/a%20b.png');
  });

  it('maps a distribution path back to the key, case-folding only the page part', () => {
    expect(attachmentKeyForPath('/alice/notes/Docs/Getting%20Started/a/Diagram.png')).toBe('attachments/alice/notes/docs/getting started/Diagram.png');
    expect(attachmentKeyForPath(attachmentUrl(id, 'docs/intro', 'x y.png'))).toBe(attachmentObjectKey(id, 'docs/intro', 'x y.png'));
  });

  it.each([
    '/alice/notes/a/x.png', '/alice/notes/Page/b/x.png', '/alice/notes/-/a/x.png', '/alice/notes/../a/x.png',
    '/alice/notes/Page/a/..', '/alice/notes/Page/a/.git', '/Alice/notes/Page/a/x.png', '/api/notes/Page/a/x.png',
    '/alice/notes/Page/a/x%2F..%2Fy', '/alice/notes/Page/a/%E0%A4', '/alice/notes/Page/a/x.md', '/alice/notes//a/x.png',
  ])('rejects %s', (path) => {
    expect(attachmentKeyForPath(path)).toBeUndefined();
  });

  it('serves by extension and makes active documents download', () => {
    expect(contentTypeOf('x.PNG')).toBe('image/png');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
    expect(dispositionOf('x.png', 'image/png')).toBeUndefined();
    expect(dispositionOf('évil.html', contentTypeOf('évil.html'))).toBe("attachment; filename*=UTF-8''%C3%A9vil.html");
    expect(dispositionOf('x.svg', contentTypeOf('x.svg'))).toMatch(/^attachment/);
  });
});
