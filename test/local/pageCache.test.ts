import { PageCache } from '../../local/pageCache';

const response = (cacheControl: string) => ({ statusCode: 200, headers: { 'cache-control': cacheControl }, body: Buffer.from('x') });

describe('PageCache', () => {
  it('keeps a response for its s-maxage and then forgets it', () => {
    let now = 0;
    const cache = new PageCache(() => now);
    cache.put('/a', response('public, max-age=0, s-maxage=30'));
    now = 29_999;
    expect(cache.get('/a')).toBeDefined();
    now = 30_000;
    expect(cache.get('/a')).toBeUndefined();
  });

  it('never keeps no-store, private or zero-age responses', () => {
    const cache = new PageCache(() => 0);
    cache.put('/a', response('no-store'));
    cache.put('/b', response('private, max-age=60'));
    cache.put('/c', response('max-age=0'));
    expect([cache.get('/a'), cache.get('/b'), cache.get('/c')]).toEqual([undefined, undefined, undefined]);
  });
});
