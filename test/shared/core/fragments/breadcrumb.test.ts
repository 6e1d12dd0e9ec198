import { renderBreadcrumb } from '../../../../shared/core/fragments/breadcrumb';

describe('renderBreadcrumb', () => {
  it('is empty on the home page', () => {
    expect(renderBreadcrumb('/u/w', [], 'Home')).toBe('');
  });

  it('links home and the parent folders, and names the page by its title', () => {
    expect(renderBreadcrumb('/u/w', ['docs', 'getting started'], 'Getting <Started>')).toBe(
      '<nav class="wb-breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/u/w/">Home</a></li>' +
        '<li><a href="/u/w/docs">Docs</a></li><li aria-current="page">Getting &lt;Started&gt;</li></ol></nav>\n',
    );
  });
});
