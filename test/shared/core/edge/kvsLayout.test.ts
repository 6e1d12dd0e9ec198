import { createHash } from 'node:crypto';
import { kvsIsMember, kvsSessionKey, kvsVisibility, memberEntryKey, MAX_KEY_BYTES } from '../../../../shared/core/edge/kvsLayout';

const sha256 = (t: string) => createHash('sha256').update(t).digest('base64url');

describe('KeyValueStore layout', () => {
  it('keeps printable ASCII subs as they are and hashes the rest, so keys stay under 512 bytes', () => {
    expect(memberEntryKey('alice', 'wiki', 'bob', sha256)).toBe('m:alice/wiki:bob');
    expect(memberEntryKey('alice', 'wiki', 'did:plc:abc', sha256)).toBe('m:alice/wiki:did:plc:abc');
    const unicode = memberEntryKey('alice', 'wiki', 'ünïcode', sha256);
    expect(unicode).toBe(`m:alice/wiki:#${sha256('ünïcode')}`);
    // A sub that starts with # cannot pose as someone's hash.
    expect(memberEntryKey('alice', 'wiki', `#${sha256('ünïcode')}`, sha256)).not.toBe(unicode);
    const longest = memberEntryKey('a'.repeat(39), 'w'.repeat(63), '😀'.repeat(256), sha256);
    expect(Buffer.byteLength(longest)).toBeLessThanOrEqual(MAX_KEY_BYTES);
    expect(Buffer.byteLength(memberEntryKey('a'.repeat(39), 'w'.repeat(63), 'x'.repeat(256), sha256))).toBeLessThanOrEqual(MAX_KEY_BYTES);
  });

  it('reads through a get that rejects missing keys, as cf.kvs() does', async () => {
    const data: Record<string, string> = { 'w:a/b': 'private', 'm:a/b:bob': 'reader', 'm:a/b:eve': 'owner?', 'k:k1': '{"s":"c2VjcmV0","iss":"i","aud":"a"}', 'k:bad': 'nope' };
    const get = (k: string) => (k in data ? Promise.resolve(data[k]!) : Promise.reject(new Error('missing')));
    expect(await kvsVisibility(get, 'a', 'b')).toBe('private');
    expect(await kvsVisibility(get, 'a', 'c')).toBeUndefined();
    expect(await kvsIsMember(get, 'a', 'b', 'bob', sha256)).toBe(true);
    expect(await kvsIsMember(get, 'a', 'b', 'eve', sha256)).toBe(false);
    expect(await kvsIsMember(get, 'a', 'b', 'mallory', sha256)).toBe(false);
    expect(await kvsSessionKey(get, 'k1')).toEqual({ secret: 'c2VjcmV0', iss: 'i', aud: 'a' });
    expect(await kvsSessionKey(get, 'bad')).toBeUndefined();
    expect(await kvsSessionKey(get, 'none')).toBeUndefined();
  });
});
