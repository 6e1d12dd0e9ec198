import { protectWikilinkPipes, restoreWikilinkPipes, WIKILINK_PIPE } from '../../../../shared/core/render/wikilinkPipes';

describe('wikilinkPipes', () => {
  it('hides the bar of [[Title|Page]] from tables and shows it again', () => {
    const protectedText = protectWikilinkPipes('| [[a|b]] | c |');
    expect(protectedText).toBe(`| [[a${WIKILINK_PIPE}b]] | c |`);
    expect(restoreWikilinkPipes(protectedText)).toBe('| [[a|b]] | c |');
  });

  it('leaves text without wikilinks untouched', () => {
    expect(protectWikilinkPipes('a | b')).toBe('a | b');
  });
});
