import { renderShell } from '../../../../shared/core/fragments/shell';
import { SLOTS } from '../../../../shared/core/fragments/slots';

describe('renderShell', () => {
  it('is a whole HTML5 page with every slot and links home under the base path', () => {
    const html = renderShell({ basePath: '/alice/notes', siteName: 'Notes' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const marker of Object.values(SLOTS)) expect(html).toContain(marker);
    expect(html).toContain('<a class="wb-site" href="/alice/notes/">Notes</a>');
  });

  it('escapes the site name and description', () => {
    const html = renderShell({ basePath: '/u/w', siteName: '<script>x</script>', description: '"><b>' });
    expect(html).not.toContain('<script>x');
    expect(html).toContain('content="&quot;&gt;&lt;b&gt;"');
  });
});
