import { atLeast, checkMemberSub, decideAccess, effectiveRole, isRole, type Permission, type Role } from '../../../shared/core/access';
import { InvalidInputError } from '../../../shared/core/errors';

const wiki = (visibility: 'public' | 'private') => ({ user: 'alice', wiki: 'notes', visibility });

describe('effectiveRole', () => {
  it('makes the namespace owner admin whatever a member record says', () => {
    expect(effectiveRole({ sub: 'alice' }, wiki('private'))).toBe('admin');
    expect(effectiveRole({ sub: 'alice', memberRole: 'reader' }, wiki('private'))).toBe('admin');
  });

  it('gives others their member role, and nobody a role when anonymous', () => {
    expect(effectiveRole({ sub: 'bob', memberRole: 'editor' }, wiki('public'))).toBe('editor');
    expect(effectiveRole({ sub: 'bob' }, wiki('public'))).toBeUndefined();
    expect(effectiveRole({ sub: undefined, memberRole: 'admin' }, wiki('public'))).toBeUndefined();
  });
});

describe('decideAccess', () => {
  type Who = [string, string | undefined, Role | undefined];
  const people: Who[] = [
    ['anonymous', undefined, undefined],
    ['a signed-in stranger', 'carol', undefined],
    ['a reader', 'bob', 'reader'],
    ['an editor', 'bob', 'editor'],
    ['an admin member', 'bob', 'admin'],
    ['the owner', 'alice', undefined],
  ];
  // Expected outcome per person, for [read public, read private, write, admin] (write/admin same on both visibilities).
  const expected: Record<string, [string, string, string, string]> = {
    anonymous: ['allow', 'sign_in', 'sign_in', 'sign_in'],
    'a signed-in stranger': ['allow', 'forbidden', 'forbidden', 'forbidden'],
    'a reader': ['allow', 'allow', 'forbidden', 'forbidden'],
    'an editor': ['allow', 'allow', 'allow', 'forbidden'],
    'an admin member': ['allow', 'allow', 'allow', 'allow'],
    'the owner': ['allow', 'allow', 'allow', 'allow'],
  };
  const outcome = (sub: string | undefined, memberRole: Role | undefined, visibility: 'public' | 'private', p: Permission) => {
    const d = decideAccess({ sub, memberRole }, wiki(visibility), p);
    return d.allowed ? 'allow' : d.reason;
  };

  it.each(people)('%s', (who, sub, memberRole) => {
    const [readPublic, readPrivate, write, admin] = expected[who]!;
    expect(outcome(sub, memberRole, 'public', 'read')).toBe(readPublic);
    expect(outcome(sub, memberRole, 'private', 'read')).toBe(readPrivate);
    for (const visibility of ['public', 'private'] as const) {
      expect(outcome(sub, memberRole, visibility, 'write')).toBe(write);
      expect(outcome(sub, memberRole, visibility, 'admin')).toBe(admin);
    }
  });

  it('says which role was needed and which the caller has', () => {
    expect(decideAccess({ sub: 'bob', memberRole: 'reader' }, wiki('public'), 'admin')).toEqual({
      allowed: false, reason: 'forbidden', role: 'reader', needed: 'admin',
    });
    expect(decideAccess({ sub: 'bob', memberRole: 'editor' }, wiki('private'), 'write')).toEqual({ allowed: true, role: 'editor' });
  });
});

describe('roles', () => {
  it('orders reader < editor < admin', () => {
    expect(atLeast('admin', 'editor')).toBe(true);
    expect(atLeast('editor', 'editor')).toBe(true);
    expect(atLeast('reader', 'editor')).toBe(false);
    expect(atLeast(undefined, 'reader')).toBe(false);
  });

  it('knows exactly the three roles', () => {
    expect(['reader', 'editor', 'admin'].every(isRole)).toBe(true);
    expect(['owner', 'Admin', '', 3, undefined].some(isRole)).toBe(false);
  });

  it('accepts member subs that are handles or DIDs, and nothing with spaces or controls', () => {
    expect(checkMemberSub('did:plc:abc123')).toBe('did:plc:abc123');
    for (const bad of ['', 'a b', 'a\u0000', 'x'.repeat(257), 'tab\there']) expect(() => checkMemberSub(bad)).toThrow(InvalidInputError);
  });
});
