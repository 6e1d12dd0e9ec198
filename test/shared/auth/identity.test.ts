import { gitAuthor } from '../../../shared/auth/identity';

describe('gitAuthor', () => {
  it('uses name and email, or the handle where either is missing', () => {
    expect(gitAuthor({ sub: 'alice', name: 'Alice', email: 'a@example.com' })).toEqual({ name: 'Alice', email: 'a@example.com' });
    expect(gitAuthor({ sub: 'did:plc:xyz', name: '' })).toEqual({ name: 'did:plc:xyz', email: 'did:plc:xyz' });
  });

  it('drops what would forge or break a git signature line', () => {
    expect(gitAuthor({ sub: 'm', name: 'Mallory <evil@x>\ncommitter Eve', email: 'm@x>\u0000' })).toEqual({
      name: 'Mallory evil@xcommitter Eve', email: 'm@x',
    });
  });
});
