import { PageCache } from '../../local/pageCache';

const response = (cacheControl: string | undefined, statusCode = 200) => {
  const headers: Record<string, string> = cacheControl === undefined ? {} : { 'cache-control': cacheControl };
  return { statusCode, headers, body: Buffer.from('x') };
};
// The template's page policy and the managed CachingOptimized one.
const PAGES = { min: 0, default: 30, max: 30 };
const OPTIMIZED = { min: 1, default: 86_400, max: 31_536_000 };

describe('PageCache', () => {
  it('keeps a response for its s-maxage and then forgets it', () => {
    let now = 0;
    const cache = new PageCache(() => now);
    cache.put('/a', response('public, max-age=0, s-maxage=30'), PAGES);
    now = 29_999;
    expect(cache.get('/a')).toBeDefined();
    now = 30_000;
    expect(cache.get('/a')).toBeUndefined();
  });

  it('never keeps no-store, private or zero-age responses under a policy whose minimum is 0', () => {
    const cache = new PageCache(() => 0);
    cache.put('/a', response('no-store'), PAGES);
    cache.put('/b', response('private, max-age=60'), PAGES);
    cache.put('/c', response('max-age=0'), PAGES);
    expect([cache.get('/a'), cache.get('/b'), cache.get('/c')]).toEqual([undefined, undefined, undefined]);
  });

  it('keeps errors as CloudFront does: the origin\'s max-age, else the error caching minimum (10 s unless configured)', () => {
    let now = 0;
    const cache = new PageCache(() => now, { 502: 0 });
    cache.put('/404-aged', response('max-age=30', 404), PAGES);
    cache.put('/404-bare', response(undefined, 404), PAGES);
    cache.put('/404-nostore', response('no-store', 404), PAGES);
    cache.put('/502', response(undefined, 502), PAGES);
    expect([cache.get('/404-aged')?.statusCode, cache.get('/404-bare')?.statusCode, cache.get('/404-nostore'), cache.get('/502')]).toEqual([404, 404, undefined, undefined]);
    now = 11_000;
    expect([cache.get('/404-aged')?.statusCode, cache.get('/404-bare')]).toEqual([404, undefined]);
  });

  it('clamps the origin\'s age to the policy and uses the default TTL when the origin gives none', () => {
    let now = 0;
    const cache = new PageCache(() => now);
    cache.put('/year', response('public, max-age=31536000, immutable'), PAGES);
    cache.put('/none', response(undefined), PAGES);
    cache.put('/static', response('no-store'), OPTIMIZED);
    now = 999;
    expect(cache.get('/static')).toBeDefined();
    now = 30_000;
    expect([cache.get('/year'), cache.get('/none'), cache.get('/static')]).toEqual([undefined, undefined, undefined]);
  });

  it('drops invalidated paths, with a trailing * as a prefix', () => {
    const cache = new PageCache(() => 0);
    for (const p of ['/a/w/', '/a/w/x', '/a/v/x']) cache.put(p, response('s-maxage=30'), PAGES);
    cache.invalidate(['/a/w/*']);
    expect([cache.get('/a/w/'), cache.get('/a/w/x'), cache.get('/a/v/x')].map(Boolean)).toEqual([false, false, true]);
  });
});
