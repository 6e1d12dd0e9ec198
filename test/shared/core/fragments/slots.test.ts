import { fillSlots, SLOTS } from '../../../../shared/core/fragments/slots';

describe('fillSlots', () => {
  it('fills every slot and empties the ones without a value', () => {
    const shell = `<title>${SLOTS.title}</title>${SLOTS.sidebar}|${SLOTS.content}|${SLOTS.toc}|${SLOTS.scripts}`;
    expect(fillSlots(shell, { title: 'T', content: 'C' })).toBe('<title>T</title>|C||');
  });

  it('does not re-expand markers that appear inside inserted values', () => {
    expect(fillSlots(`${SLOTS.content}${SLOTS.toc}`, { content: SLOTS.toc, toc: 'X' })).toBe(`${SLOTS.toc}X`);
  });
});
