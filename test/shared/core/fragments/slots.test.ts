import { fillSlots, siteSuffix, SLOTS } from '../../../../shared/core/fragments/slots';

describe('fillSlots', () => {
  it('fills every slot and empties the ones without a value', () => {
    const shell = `<title>${SLOTS.title}</title>${SLOTS.sidebar}|${SLOTS.content}|${SLOTS.toc}|${SLOTS.scripts}`;
    expect(fillSlots(shell, { title: 'T', content: 'C' })).toBe('<title>T</title>|C||');
  });

  it('titles a page "Page · Site", and the page titled like the wiki (home) just "Site"', () => {
    const shell = `<title>${SLOTS.title}${siteSuffix('My &amp; Wiki')}</title>`;
    expect(fillSlots(shell, { title: 'About' })).toBe('<title>About · My &amp; Wiki</title>');
    expect(fillSlots(shell, { title: 'My &amp; Wiki' })).toBe('<title>My &amp; Wiki</title>');
    expect(fillSlots(shell, { title: 'My &amp; Wiki 2' })).toBe('<title>My &amp; Wiki 2 · My &amp; Wiki</title>');
  });

  it('does not re-expand markers that appear inside inserted values', () => {
    expect(fillSlots(`${SLOTS.content}${SLOTS.toc}`, { content: SLOTS.toc, toc: 'X' })).toBe(`${SLOTS.toc}X`);
  });
});
