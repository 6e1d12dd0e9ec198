import { renderCustomMenu } from '../../../../shared/core/fragments/customMenu';

describe('renderCustomMenu', () => {
  it('renders Otter Wiki\'s custom menu: pages, external links, separators', () => {
    const json = JSON.stringify([
      { link: '', title: 'Read Me', icon: '' },
      { link: 'https://example.com', title: 'Site', icon: '🌐' },
      { link: '---', title: '', icon: '' },
      { link: 'Docs/Intro', title: '', icon: '<i class="fas fa-x"></i>' },
    ]);
    expect(renderCustomMenu(json, '/u/w')).toBe(
      '<ul class="wb-custom-menu"><li><a href="/u/w/Read%20Me">Read Me</a></li>' +
        '<li><a href="https://example.com"><span class="wb-menu-icon" aria-hidden="true">🌐</span>Site</a></li>' +
        '<li class="wb-menu-separator" role="separator"></li><li><a href="/u/w/Docs/Intro">Docs/Intro</a></li></ul>',
    );
  });

  it('ignores invalid JSON and keeps script out of links', () => {
    expect(renderCustomMenu('not json', '/u/w')).toBe('');
    expect(renderCustomMenu(JSON.stringify([{ link: 'javascript:alert(1)', title: 'x' }]), '/u/w')).toContain('href="/u/w/javascript%3Aalert(1)"');
  });
});
