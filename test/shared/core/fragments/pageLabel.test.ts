import { pageLabel } from '../../../../shared/core/fragments/pageLabel';

describe('pageLabel', () => {
  it('takes the capitals of a heading that spells the page name, else title-cases the name', () => {
    expect(pageLabel('api reference', 'API Reference')).toBe('API Reference');
    expect(pageLabel('home', 'Welcome to the wiki')).toBe('Home');
    expect(pageLabel('getting started', undefined)).toBe('Getting Started');
  });

  it('keeps the file name with RETAIN_PAGE_NAME_CASE, and shows _ as space when asked', () => {
    expect(pageLabel('iOS_notes', 'Whatever', { retainCase: true })).toBe('iOS_notes');
    expect(pageLabel('my_page', undefined, { underscoreAsSpace: true })).toBe('My Page');
  });
});
