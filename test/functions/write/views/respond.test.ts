import { redirect } from '../../../../functions/write/views/respond';

describe('redirect', () => {
  it('sends the editor\'s targets as they are (page names with spaces and queries included)', () => {
    expect(redirect('/alice/notes/Getting%20Started').headers!.location).toBe('/alice/notes/Getting%20Started');
    expect(redirect('/alice/notes/-/attachments/Page?error=too%20big').headers!.location).toBe('/alice/notes/-/attachments/Page?error=too%20big');
  });

  it.each(['//evil.example', '/a/..//evil.example', '/%2e//evil.example', 'https://evil.example/', '/\\evil.example'])(
    'never sends %j off-site: the one same-site check turns it into /', (target) => {
      expect(redirect(target)).toMatchObject({ statusCode: 303, headers: { location: '/' } });
    });
});
