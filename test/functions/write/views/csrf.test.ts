import { checkCsrf, csrfTokenFor, CSRF_COOKIE, issueCsrf } from '../../../../functions/write/editor/csrf';
import { checkUploads } from '../../../../functions/write/editor/uploadPolicy';
import { readForm } from '../../../../functions/write/editor/formBody';
import type { HttpRequest } from '../../../../shared/http/request';

const keyA = { kid: 'a', secret: new TextEncoder().encode('a'.repeat(40)) };
const keyB = { kid: 'b', secret: new TextEncoder().encode('b'.repeat(40)) };

function request(cookies: Record<string, string>, headers: Record<string, string> = {}, body?: Uint8Array): HttpRequest {
  return {
    method: 'POST', segments: [], rawPath: '/', query: new URLSearchParams(), headers, cookies, body: body && Buffer.from(body).toString('utf8'), bodyBytes: body,
  };
}

describe('CSRF tokens', () => {
  it('are an HMAC of the session under the signing key, different per session and per key', () => {
    expect(csrfTokenFor('session-1', keyA)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor('session-1', keyA)).not.toBe(csrfTokenFor('session-2', keyA));
    expect(csrfTokenFor('session-1', keyA)).not.toBe(csrfTokenFor('session-1', keyB));
  });

  it('are issued with a host-only, strict cookie only when the browser lacks it', () => {
    const first = issueCsrf(request({ '__Host-wb_session': 's' }), [keyA])!;
    expect(first.setCookie).toBe(`${CSRF_COOKIE}=${first.token}; Path=/; HttpOnly; Secure; SameSite=Strict`);
    expect(issueCsrf(request({ '__Host-wb_session': 's', [CSRF_COOKIE]: first.token }), [keyA])!.setCookie).toBeUndefined();
    expect(issueCsrf(request({}), [keyA])).toBeUndefined();
    // A bearer token (non-browser client) is the credential when present.
    expect(issueCsrf(request({}, { authorization: 'Bearer t' }), [keyA])!.token).toBe(csrfTokenFor('t', keyA));
  });

  it('pass only with the same valid token in the cookie and the form (or header), under any key in rotation', () => {
    const token = csrfTokenFor('s', keyA);
    const ok = request({ '__Host-wb_session': 's', [CSRF_COOKIE]: token });
    expect(() => checkCsrf(ok, token, [keyB, keyA])).not.toThrow();
    expect(() => checkCsrf(request({ '__Host-wb_session': 's', [CSRF_COOKIE]: token }, { 'x-csrf-token': token }), undefined, [keyA])).not.toThrow();
    const refused: [string, HttpRequest, string | undefined][] = [
      ['no field', ok, undefined],
      ['no cookie', request({ '__Host-wb_session': 's' }), token],
      ['no session', request({ [CSRF_COOKIE]: token }), token],
      ['another session', request({ '__Host-wb_session': 'other', [CSRF_COOKIE]: token }), token],
      ['field differs from cookie', ok, csrfTokenFor('other', keyA)],
      ['a retired key', ok, token],
      ['an oversized token', request({ '__Host-wb_session': 's', [CSRF_COOKIE]: 'x'.repeat(200) }), 'x'.repeat(200)],
    ];
    for (const [label, req, given] of refused) {
      const keys = label === 'a retired key' ? [keyB] : [keyA];
      expect(() => checkCsrf(req, given, keys)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    }
  });
});

describe('upload checks', () => {
  const png = Buffer.from('89504e470d0a1a0a00', 'hex');
  const file = (name: string, content: Uint8Array) => ({ name, type: 'x/y', content });

  it('accept files whose content matches their type, and types without a signature', () => {
    expect(checkUploads([file('a.png', png), file('b.txt', Buffer.from('hi')), file('c.html', Buffer.from('<p>'))], 100).map((f) => f.name))
      .toEqual(['a.png', 'b.txt', 'c.html']);
    expect(checkUploads([file('d.pdf', Buffer.from('%PDF-1.7'))], 100)).toHaveLength(1);
    expect(checkUploads([file('e.docx', Buffer.from('PK\u0003\u0004'))], 100)).toHaveLength(1);
  });

  it('refuse bad names, empty and oversized files, too many files, and content that lies about its type', () => {
    const cases: [Parameters<typeof checkUploads>[0], string][] = [
      [[], 'invalid_input'],
      [[file('../x.png', png)], 'invalid_input'],
      [[file('a.png', new Uint8Array())], 'invalid_input'],
      [[file('a.bin', new Uint8Array(101))], 'payload_too_large'],
      [[file('a.png', Buffer.from('<script>'))], 'invalid_input'],
      [[file('a.jpg', png)], 'invalid_input'],
      [[file('a.pdf', Buffer.from('<html>'))], 'invalid_input'],
      [Array.from({ length: 21 }, (_, i) => file(`${i}.txt`, Buffer.from('x'))), 'invalid_input'],
    ];
    for (const [files, code] of cases) expect(() => checkUploads(files, 100)).toThrow(expect.objectContaining({ code }));
  });
});

describe('form bodies', () => {
  it('reads URL-encoded and multipart forms, and refuses oversized or malformed ones', async () => {
    const encoded = Buffer.from('a=1&b=x%20y&a=2');
    const form = await readForm(request({}, { 'content-type': 'application/x-www-form-urlencoded' }, encoded), 100);
    expect([form.get('a'), form.get('b'), form.get('c')]).toEqual(['1', 'x y', undefined]);
    const data = new FormData();
    data.append('csrf', 't');
    data.append('file', new Blob(['abc']), 'n.txt');
    const req = new Request('http://x/', { method: 'POST', body: data });
    const bytes = new Uint8Array(await req.arrayBuffer());
    const multi = await readForm(request({}, { 'content-type': req.headers.get('content-type')! }, bytes), 10_000);
    expect(multi.get('csrf')).toBe('t');
    expect(multi.files.map((f) => [f.name, Buffer.from(f.content).toString()])).toEqual([['n.txt', 'abc']]);
    await expect(readForm(request({}, { 'content-type': 'application/x-www-form-urlencoded' }, encoded), 5)).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(readForm(request({}, { 'content-type': 'multipart/form-data; boundary=zz' }, Buffer.from('garbage')), 100)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(readForm(request({}, { 'content-type': 'application/json' }, Buffer.from('{}')), 100)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
