import {
  cleanCommitMessage, commitMessageMode, formatTemplate, MAX_COMMIT_MESSAGE_CHARS, pageSaveMessage,
} from '../../../shared/core/commitMessage';
import { InvalidInputError } from '../../../shared/core/errors';

describe('cleanCommitMessage', () => {
  it('trims, normalises CRLF and treats empty as none', () => {
    expect(cleanCommitMessage('  Fix typo\r\n\r\nDetails\tmore  ')).toBe('Fix typo\n\nDetails\tmore');
    expect(cleanCommitMessage('   ')).toBeUndefined();
    expect(cleanCommitMessage(undefined)).toBeUndefined();
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['an escape sequence', 'red \u001b[31m text'],
    ['a backspace', 'a\bb'],
    ['DEL', 'a\u007f'],
    ['a C1 control', 'a\u0085b'],
  ])('rejects %s rather than storing it', (_what, message) => {
    expect(() => cleanCommitMessage(message)).toThrow(/control characters/);
  });

  it('rejects messages over the limit and keeps one at the limit', () => {
    expect(cleanCommitMessage('x'.repeat(MAX_COMMIT_MESSAGE_CHARS))).toHaveLength(MAX_COMMIT_MESSAGE_CHARS);
    expect(() => cleanCommitMessage('x'.repeat(MAX_COMMIT_MESSAGE_CHARS + 1))).toThrow(/longer than 1000/);
  });

  it('rejects non-strings', () => {
    expect(() => cleanCommitMessage({})).toThrow(InvalidInputError);
    expect(() => cleanCommitMessage(42)).toThrow('"message" must be a string when given.');
  });
});

describe('COMMIT_MESSAGE', () => {
  const now = new Date('2026-03-04T05:06:07Z');
  const base = { pageName: 'Docs/Intro', fallback: 'Updated Docs/Intro.', now, template: undefined };

  it('treats a missing or unknown preference as OPTIONAL', () => {
    expect(commitMessageMode(undefined)).toBe('OPTIONAL');
    expect(commitMessageMode('required')).toBe('REQUIRED');
    expect(commitMessageMode('DISABLED')).toBe('DISABLED');
    expect(commitMessageMode('bogus')).toBe('OPTIONAL');
  });

  it('REQUIRED refuses a save without a message and keeps a given one', () => {
    expect(() => pageSaveMessage({ ...base, mode: 'REQUIRED', given: undefined })).toThrow(/requires a commit message/);
    expect(pageSaveMessage({ ...base, mode: 'REQUIRED', given: 'Mine' })).toBe('Mine');
  });

  it('OPTIONAL keeps a given message, else DEFAULT_COMMIT_MESSAGE, else ours', () => {
    expect(pageSaveMessage({ ...base, mode: 'OPTIONAL', given: 'Mine' })).toBe('Mine');
    expect(pageSaveMessage({ ...base, mode: 'OPTIONAL', given: undefined })).toBe('Updated Docs/Intro.');
    expect(pageSaveMessage({ ...base, mode: 'OPTIONAL', given: undefined, template: '%P edited %Y-%m-%d' })).toBe('Docs/Intro edited 2026-03-04');
  });

  it('DISABLED ignores the given message', () => {
    expect(pageSaveMessage({ ...base, mode: 'DISABLED', given: 'Mine' })).toBe('Updated Docs/Intro.');
    expect(pageSaveMessage({ ...base, mode: 'DISABLED', given: 'Mine', template: 'Saved %P' })).toBe('Saved Docs/Intro');
  });

  it('formats strftime codes in UTC and leaves unknown ones', () => {
    expect(formatTemplate('%P updated on %c (%%, %q)', 'Home', now)).toBe('Home updated on Wed Mar  4 05:06:07 2026 (%, %q)');
    expect(formatTemplate('%a %A %b %B %y %H:%M:%S %x %X', 'x', now)).toBe('Wed Wednesday Mar March 26 05:06:07 03/04/26 05:06:07');
  });
});
