import { titleFromFileName } from '../../../shared/core/title';

describe('titleFromFileName', () => {
  it('title-cases the last segment of the file', () => {
    expect(titleFromFileName('docs/getting started.md')).toBe('Getting Started');
  });

  it('treats underscores as spaces when asked', () => {
    expect(titleFromFileName('my_page.md', { underscoreAsSpace: true })).toBe('My Page');
    expect(titleFromFileName('my_page.md')).toBe('My_Page');
  });

  it('keeps the case of retained file names', () => {
    expect(titleFromFileName('iPhone Tips.md', { retainCase: true })).toBe('iPhone Tips');
  });
});
