import { fromEventV2, parseCookies } from '../../../shared/http/request';
import { event } from '../../helpers/events';

describe('fromEventV2', () => {
  it('collects cookies from the payload-v2 list and a cookie header, first one winning', () => {
    const request = fromEventV2({ ...event('GET', '/x', { headers: { cookie: 'b=2; a=shadowed' } }), cookies: ['a=1', 'c=x=y'] });
    expect(request.cookies).toEqual({ a: '1', b: '2', c: 'x=y' });
  });

  it('keeps a base64 body as bytes and as text', () => {
    const bytes = Buffer.from([0, 255, 1, 254]);
    const request = fromEventV2({ ...event('PUT', '/x'), body: bytes.toString('base64'), isBase64Encoded: true });
    expect(Buffer.from(request.bodyBytes!)).toEqual(bytes);
    expect(fromEventV2(event('PUT', '/x', { body: '{"a":"é"}' })).bodyBytes).toEqual(Buffer.from('{"a":"é"}'));
  });

  it('ignores malformed cookie pairs', () => {
    expect(parseCookies(['novalue', '=x', ' k = v '])).toEqual({ k: 'v' });
  });
});
