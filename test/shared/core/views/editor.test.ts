import { parseFragment } from 'parse5';
import { renderConflict, renderEditor, type EditorViewOptions } from '../../../../shared/core/views/editor';
import { renderAttachments, renderCreateForm, renderDeleteForm, renderRenameForm, renderRevertForm } from '../../../../shared/core/views/forms';

const base: EditorViewOptions = {
  basePath: '/u/w', page: 'Docs/Intro', exists: true, content: '# Intro\n', baseRevision: 'a'.repeat(40),
  commitMode: 'OPTIONAL', csrf: 'TOKEN', maxBytes: 1024, maxUploadBytes: 2048,
};

/** Every <form method="post"> in the HTML, and whether it carries the CSRF field. */
function postForms(html: string): { action: string; csrf: boolean }[] {
  return [...html.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => ({
    action: /action="([^"]*)"/.exec(m[0])?.[1] ?? '',
    csrf: m[1]!.includes('<input type="hidden" name="csrf" value="TOKEN">'),
  }));
}

describe('renderEditor', () => {
  it('is a plain form that saves without JavaScript, with the endpoints the editor script uses', () => {
    const html = renderEditor(base);
    expect(html).toContain('method="post" action="/u/w/-/save/Docs/Intro"');
    expect(html).toContain('data-preview-url="/u/w/-/preview/Docs/Intro"');
    expect(html).toContain('data-draft-url="/u/w/-/draft/Docs/Intro"');
    expect(html).toContain('data-upload-url="/u/w/-/attachments/Docs/Intro"');
    expect(html).toContain('data-attachment-base="/Docs/Intro"');
    expect(html).toContain(`<input type="hidden" name="base" value="${'a'.repeat(40)}">`);
    expect(html).toContain('<textarea id="wb-content" name="content"');
    expect(html).toContain('formaction="/u/w/-/preview/Docs/Intro"');
    expect(postForms(html).every((f) => f.csrf)).toBe(true);
    expect(html).not.toMatch(/<script/);
  });

  it('honours COMMIT_MESSAGE: required, optional, or no field at all', () => {
    expect(renderEditor({ ...base, commitMode: 'REQUIRED' })).toMatch(/<input id="wb-message" name="message"[^>]* required>/);
    expect(renderEditor(base)).not.toMatch(/name="message"[^>]* required/);
    const disabled = renderEditor({ ...base, commitMode: 'DISABLED' });
    expect(disabled).not.toContain('name="message"');
    expect(disabled).toContain('writes its own commit messages');
  });

  it('keeps hostile content inside the textarea', () => {
    const html = renderEditor({ ...base, content: '</textarea><script>alert(1)</script>' });
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;');
    const doc = parseFragment(html) as unknown as { childNodes: { nodeName: string }[] };
    expect(JSON.stringify(doc, (k, v) => (k === 'parentNode' ? undefined : v))).not.toContain('"nodeName":"script"');
  });

  it('offers a saved draft, and says when the editor holds one', () => {
    const offered = renderEditor({ ...base, draft: { datetime: '2026-01-01T00:00:00Z', revision: 'b'.repeat(40) } });
    expect(offered).toContain('/u/w/-/edit/Docs/Intro?draft=restore');
    expect(postForms(offered)).toEqual(expect.arrayContaining([{ action: '/u/w/-/draft/Docs/Intro', csrf: true }]));
    const restored = renderEditor({ ...base, restoredDraft: { datetime: '2026-01-01T00:00:00Z', revision: '' } });
    expect(restored).toContain('holds your draft');
    expect(restored).toContain('?draft=ignore');
  });

  it('marks new pages and shows errors and a no-JavaScript preview', () => {
    const html = renderEditor({ ...base, exists: false, error: 'Bad <thing>', previewHtml: '<p>rendered</p>' });
    expect(html).toContain('does not exist yet');
    expect(html).toContain('Bad &lt;thing&gt;');
    expect(html).toContain('<p>rendered</p>');
    expect(html).toContain('wb-has-preview');
  });
});

describe('renderConflict', () => {
  it('shows both versions and saves the merged text against the current revision', () => {
    const html = renderConflict({
      basePath: '/u/w', page: 'P', csrf: 'TOKEN', commitMode: 'OPTIONAL', yours: 'mine <b>', theirs: 'theirs',
      currentRevision: 'c'.repeat(40), diffHtml: '<table></table>', maxBytes: 10,
      theirChange: { revision: 'c'.repeat(40), author: { name: 'Bob', email: 'b@x' }, date: '2026-01-01T00:00:00Z', message: 'Their edit' },
    });
    expect(html).toContain('not saved');
    expect(html).toContain('>theirs</textarea>');
    expect(html).toContain('>mine &lt;b&gt;</textarea>');
    expect(html).toContain(`<input type="hidden" name="base" value="${'c'.repeat(40)}">`);
    expect(html).toContain('Their edit');
    expect(postForms(html)).toEqual([{ action: '/u/w/-/save/P', csrf: true }]);
  });
});

describe('the editor forms', () => {
  it('every form posts with the CSRF field', () => {
    const forms = [
      renderCreateForm({ basePath: '/u/w', csrf: 'TOKEN' }),
      renderRenameForm({ basePath: '/u/w', page: 'P', csrf: 'TOKEN' }),
      renderDeleteForm({ basePath: '/u/w', page: 'P', pageFile: 'p.md', csrf: 'TOKEN', files: ['p.md', 'p/a.png'] }),
      renderRevertForm({ basePath: '/u/w', revision: 'abcdef1', csrf: 'TOKEN', files: ['p.md'], commit: { revision: 'abcdef1'.padEnd(40, '0'), author: { name: 'A', email: 'a' }, date: '2026-01-01T00:00:00Z', message: 'm' } }),
      renderAttachments({ basePath: '/u/w', page: 'P', canEdit: true, csrf: 'TOKEN', maxBytes: 100, attachments: [
        { name: 'a b.png', size: 10, contentType: 'image/png', url: '/u/w/p/a/a%20b.png', lastChange: null },
      ] }),
    ].join('\n');
    const posts = postForms(forms);
    expect(posts.map((f) => f.action)).toEqual([
      '/u/w/-/create', '/u/w/-/rename/P', '/u/w/-/delete/P', '/u/w/-/revert?revision=abcdef1', '/u/w/-/attachments/P', '/u/w/-/attachments/P',
    ]);
    expect(posts.every((f) => f.csrf)).toBe(true);
  });

  it('rename updates backlinks by default; delete lists what goes with the page; revert defaults its message', () => {
    expect(renderRenameForm({ basePath: '/u/w', page: 'P', csrf: 'T' })).toContain('name="update_backlinks" value="1" checked');
    const del = renderDeleteForm({ basePath: '/u/w', page: 'P', pageFile: 'p.md', csrf: 'T', files: ['p.md', 'p/a.png'] });
    expect(del).toContain('With it go 1 file in its folder');
    expect(del).toContain('<code>p/a.png</code>');
    expect(del).not.toContain('<code>p.md</code>');
    expect(renderDeleteForm({ basePath: '/u/w', page: 'P', pageFile: 'p.md', csrf: 'T', files: ['p.md'] })).not.toContain('With it go');
    expect(renderRevertForm({ basePath: '/u/w', revision: 'abcdef1', csrf: 'T', files: [], commit: { revision: 'abcdef1', author: { name: 'A', email: 'a' }, date: '', message: 'm' } }))
      .toContain('placeholder="Reverted commit abcdef1."');
  });

  it('lists attachments with a markdown snippet and thumbnails; readers get no upload or delete', () => {
    const html = renderAttachments({ basePath: '/u/w', page: 'Docs/P', canEdit: false, maxBytes: 100, attachments: [
      { name: 'pic.png', size: 2048, contentType: 'image/png', url: '/u/w/docs/p/a/pic.png', lastChange: null },
      { name: 'x.html', size: 5, contentType: 'text/html; charset=utf-8', url: '/u/w/docs/p/a/x.html', lastChange: null },
    ] });
    expect(html).toContain('<img class="wb-thumb" src="/u/w/docs/p/a/pic.png"');
    expect(html).toContain('![pic.png](/Docs/P/a/pic.png)');
    expect(html).toContain('<td>text/html</td>');
    expect(html).not.toContain('<form');
  });
});
