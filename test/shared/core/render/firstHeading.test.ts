import { firstHeading } from '../../../../shared/core/render/firstHeading';

describe('firstHeading', () => {
  it('finds the first ATX or setext heading in the head of a page', () => {
    expect(firstHeading('intro\n\n## Second # \n# First')).toBe('Second');
    expect(firstHeading('Title\n=====\n\n# Later')).toBe('Title');
    expect(firstHeading('no heading')).toBeUndefined();
    expect(firstHeading(`${'x'.repeat(600)}\n# Too far`)).toBeUndefined();
  });
});
