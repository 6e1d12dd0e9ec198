import { renderShell } from '../../../../shared/core/fragments/shell';
import { fillSlots } from '../../../../shared/core/fragments/slots';
import { renderActions, renderView, viewBreadcrumb } from '../../../../shared/core/views/layout';

describe('renderView', () => {
  const shell = renderShell({ basePath: '/u/w', siteName: 'Wiki' });

  it('fills the shell like the read path, plus the head and actions slots only views use', () => {
    const html = renderView(shell, {
      title: 'History of <P>', canonicalPath: '/u/w/-/history/P', content: '<p>body</p>', head: '<meta name="robots" content="noindex">',
      actions: '<div class="wb-actions">A</div>', scripts: '<script src="/static/x/views.js" defer></script>',
    });
    expect(html).toContain('<title>History of &lt;P&gt; · Wiki</title>');
    expect(html).toContain('<meta name="robots" content="noindex"></head>');
    expect(html).toContain('<div class="wb-actions">A</div><button class="wb-theme');
    expect(html).not.toContain('<!--wb:');
  });

  it('leaves the head and actions slots empty on the read path (the assembler passes neither)', () => {
    const page = fillSlots(shell, { title: 'T', content: 'C' });
    // The actions script draws them in the browser; the markup itself carries none.
    expect(page.replace(/<script>[\s\S]*?<\/script>/g, '')).not.toContain('wb-actions');
    expect(page).toContain('<script>(function(){var d=document;var site=');
    expect(page).not.toContain('<!--wb:');
    expect(page).toContain('</nav>\n<button class="wb-theme');
  });
});

describe('renderActions', () => {
  const options = { basePath: '/u/w', returnTo: '/u/w/-/history/P?x=1' };

  it('gives editors an Edit button and the page tools', () => {
    const html = renderActions({ ...options, page: 'P', user: { sub: 'ann', name: 'Ann' }, canEdit: true, current: 'history' });
    expect(html).toContain('<a class="wb-button wb-button-primary wb-edit" href="/u/w/-/edit/P">');
    for (const view of ['history/P', 'blame/P', 'source/P', 'attachments/P', 'rename/P', 'delete/P', 'create', 'changelog', 'index']) {
      expect(html).toContain(`href="/u/w/-/${view}"`);
    }
    expect(html).toContain('href="/u/w/-/history/P" aria-current="page"');
    expect(html).toContain('<form method="post" action="/auth/logout"><input type="hidden" name="return_to" value="/u/w/-/history/P?x=1">');
  });

  it('gives readers no edit controls, and anonymous readers a sign-in link back here', () => {
    const reader = renderActions({ ...options, page: 'P', user: { sub: 'bob', name: '' }, canEdit: false });
    expect(reader).not.toMatch(/-\/edit\/|-\/rename\/|-\/delete\/|-\/create/);
    const anonymous = renderActions({ ...options, page: 'P', canEdit: false });
    expect(anonymous).toContain('href="/auth/login?return_to=%2Fu%2Fw%2F-%2Fhistory%2FP%3Fx%3D1"');
    expect(anonymous).not.toContain('Sign out');
  });

  it('has no Edit button on views without a page', () => {
    expect(renderActions({ ...options, user: { sub: 'a', name: 'A' }, canEdit: true })).not.toContain('wb-edit');
  });

  it('escapes names', () => {
    expect(renderActions({ ...options, user: { sub: '<s>', name: '<n>' }, canEdit: false })).not.toMatch(/<s>|<n>/);
    expect(viewBreadcrumb('/u/w', 'A/B', '<T>', 'History')).toContain('<a href="/u/w/A/B">&lt;T&gt;</a>');
  });
});
