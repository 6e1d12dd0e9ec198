import { decodeContentFragment, encodeContentFragment, type ContentMeta } from '../../../../shared/core/fragments/contentEnvelope';

const meta: ContentMeta = {
  title: 'A --> tricky -- title <!-- x -->',
  toc: [{ level: 1, text: 'Intro -->', anchor: 'intro' }],
  libraries: ['mermaid'],
  blob: 'a'.repeat(40),
};

describe('contentEnvelope', () => {
  it('round-trips metadata and HTML, even with comment terminators in strings', () => {
    const body = encodeContentFragment(meta, '<p>hello</p>');
    const firstLine = body.split('\n')[0] ?? '';
    expect(firstLine.indexOf('-->')).toBe(firstLine.length - 3);
    expect(decodeContentFragment(body)).toEqual({ meta, html: '<p>hello</p>' });
  });

  it('treats a body without an envelope as plain HTML', () => {
    expect(decodeContentFragment('<p>x</p>')).toEqual({ meta: undefined, html: '<p>x</p>' });
  });

  it('survives a corrupt envelope by dropping only the metadata', () => {
    expect(decodeContentFragment('<!--wb:meta {oops-->\n<p>x</p>')).toEqual({ meta: undefined, html: '<p>x</p>' });
  });
});
