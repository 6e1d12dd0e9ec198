import { createSlugger, slugify } from '../../../../shared/core/render/slugify';

describe('slugify', () => {
  it.each([
    ['Hello World', 'hello-world'],
    ['  Ünïcödé  Tëxt ', 'unicode-text'],
    ['a -- b', 'a-b'],
    ['C++ & "quotes"!', 'c-quotes'],
    ['日本語', ''],
    ['_under_', 'under'],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});

describe('createSlugger', () => {
  it('numbers repeated anchors and avoids clashing with literal ones', () => {
    const slug = createSlugger();
    expect(['Intro', 'Intro', 'Intro 1', 'Intro', '日本'].map(slug)).toEqual([
      'intro', 'intro-1', 'intro-1-1', 'intro-2', 'section',
    ]);
  });
});
