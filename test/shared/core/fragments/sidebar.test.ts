import { renderSidebar } from '../../../../shared/core/fragments/sidebar';

describe('renderSidebar', () => {
  it('nests pages by folder, sorted, with folders that have no page of their own', () => {
    const html = renderSidebar(
      [
        { key: 'zeta', title: 'Zeta' },
        { key: 'docs/intro', title: 'Intro' },
        { key: 'alpha', title: 'Alpha' },
      ],
      '/alice/notes',
    );
    expect(html).toBe(
      '<nav class="wb-sidebar" aria-label="Pages"><ul>' +
        '<li><a href="/alice/notes/alpha" data-key="alpha">Alpha</a></li>' +
        '<li><a href="/alice/notes/docs" data-key="docs">docs</a><ul>' +
        '<li><a href="/alice/notes/docs/intro" data-key="docs/intro">Intro</a></li></ul></li>' +
        '<li><a href="/alice/notes/zeta" data-key="zeta">Zeta</a></li></ul></nav>',
    );
  });

  it('escapes titles and encodes hrefs', () => {
    const html = renderSidebar([{ key: 'a "b" <c>', title: '<img src=x onerror=alert(1)>' }], '/u/w');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="/u/w/a%20%22b%22%20%3Cc%3E"');
  });
});
