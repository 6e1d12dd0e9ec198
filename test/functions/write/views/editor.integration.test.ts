import * as path from 'node:path';
import { git } from '../../../helpers/git';
import { tokenFor } from '../../../helpers/tokens';
import { startWriteStack } from '../../../helpers/writeStack';
import { csrfOf, ViewBrowser } from './browserClient';

const W = '/api/wikis/alice/notes';
const V = '/alice/notes/-';
const MAX = 64 * 1024;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * The editor's views through the real write handler: roles, CSRF on every form, save with its
 * base revision (and the conflict screen), COMMIT_MESSAGE, preview, drafts in wiki.db, create,
 * rename with backlinks, delete, attachments (checked uploads) and revert.
 */
describe('the editor', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  let bob: string;
  let dora: string;
  const gitdir = () => path.join(stack.config.dataDir, 'wikis/alice/notes/repo.git');
  const show = (file: string) => git(gitdir(), 'show', `HEAD:${file}`);
  const lastCommit = () => git(gitdir(), 'log', '-1', '--format=%s|%an|%ae').trim();
  const head = () => git(gitdir(), 'rev-parse', 'HEAD').trim();

  /** A signed-in browser that opened `path` (a form) and holds its CSRF cookie and token. */
  async function open(session: string, formPath: string) {
    const browser = new ViewBrowser(stack.handler, session);
    const page = await browser.get(formPath);
    expect(page.status).toBe(200);
    return { browser, page, csrf: csrfOf(page.body) };
  }

  beforeAll(async () => {
    stack = await startWriteStack('editor', { limits: { maxAttachmentBytes: MAX } });
    [alice, bob, dora] = await Promise.all([tokenFor('alice'), tokenFor('bob'), tokenFor('dora')]);
    await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Notes' }, alice);
    await stack.call('PUT', `${W}/members/bob`, { role: 'editor' }, alice);
    await stack.call('PUT', `${W}/members/dora`, { role: 'reader' }, alice);
    await stack.call('PUT', `${W}/pages/Coffee`, { content: '# Coffee\n\nStrong.\n' }, alice);
    await stack.call('PUT', `${W}/pages/Tea`, { content: '# Tea\n\nSee [[Coffee]].\n' }, alice);
  });
  afterAll(() => stack.close());

  it('is for editors and admins: anonymous readers sign in first, readers get 403', async () => {
    const anonymous = await new ViewBrowser(stack.handler).get(`${V}/edit/Tea`);
    expect([anonymous.status, anonymous.headers.location]).toEqual([303, '/auth/login?return_to=%2Falice%2Fnotes%2F-%2Fedit%2FTea']);
    const reader = await new ViewBrowser(stack.handler, dora).get(`${V}/edit/Tea`);
    expect(reader.status).toBe(403);
    expect(reader.body).toContain('You need the editor role');
    const editor = await new ViewBrowser(stack.handler, bob).get(`${V}/edit/Tea`);
    expect(editor.status).toBe(200);
    expect(editor.body).toContain('See [[Coffee]].\n</textarea>');
    expect(editor.body).toMatch(/<script src="\/static\/[0-9a-f]{12}\/editor\.js" defer><\/script>|<\/body>/);
  });

  it('sets the double-submit CSRF cookie with the form\'s token, bound to the session', async () => {
    const { browser, page, csrf } = await open(alice, `${V}/edit/Tea`);
    expect(page.headers['set-cookie']).toBe(`__Host-wb_csrf=${csrf}; Path=/; HttpOnly; Secure; SameSite=Strict`);
    expect(browser.cookies.get('__Host-wb_csrf')).toBe(csrf);
    const again = await browser.get(`${V}/edit/Tea`);
    expect(csrfOf(again.body)).toBe(csrf);
    expect(again.headers['set-cookie']).toBeUndefined();
    const other = await open(bob, `${V}/edit/Tea`);
    expect(other.csrf).not.toBe(csrf);
  });

  it('every form rejects a missing or wrong CSRF token with 403, and writes nothing', async () => {
    const { csrf } = await open(alice, `${V}/edit/Tea`);
    const bobs = (await open(bob, `${V}/edit/Tea`)).csrf;
    const posts: [string, Record<string, string>][] = [
      [`${V}/save/Tea`, { content: 'x', base: head() }], [`${V}/preview/Tea`, { content: 'x' }], [`${V}/draft/Tea`, { content: 'x' }],
      [`${V}/create`, { pagename: 'New' }], [`${V}/rename/Tea`, { newname: 'Chai' }], [`${V}/delete/Tea`, {}],
      [`${V}/attachments/Tea`, { action: 'delete', name: 'x.png' }], [`${V}/revert?revision=${head().slice(0, 7)}`, {}],
    ];
    const before = await stack.snapshot();
    for (const [target, fields] of posts) {
      const variants: [string, ViewBrowser, Record<string, string>][] = [];
      const fresh = () => new ViewBrowser(stack.handler, alice);
      const withCookie = (value: string) => {
        const b = fresh();
        b.cookies.set('__Host-wb_csrf', value);
        return b;
      };
      variants.push(['no token at all', fresh(), fields]);
      variants.push(['field without cookie', fresh(), { ...fields, csrf }]);
      variants.push(['cookie without field', withCookie(csrf), fields]);
      variants.push(['field and cookie differ', withCookie(csrf), { ...fields, csrf: `${csrf.slice(0, -2)}xx` }]);
      variants.push(['a made-up pair', withCookie('forged'), { ...fields, csrf: 'forged' }]);
      variants.push(['another session\'s token', withCookie(bobs), { ...fields, csrf: bobs }]);
      for (const [label, browser, body] of variants) {
        const r = await browser.post(target, body);
        expect([target, label, r.status]).toEqual([target, label, 403]);
        expect(r.body).toContain('security token');
      }
      // The editor script's header is checked the same way.
      const header = await withCookie(csrf).post(target, fields, { headers: { 'x-csrf-token': 'nope' }, accept: 'application/json' });
      expect([target, header.status]).toEqual([target, 403]);
    }
    const multipart = await new ViewBrowser(stack.handler, alice).post(`${V}/attachments/Tea`, {}, { files: [{ name: 'a.png', content: PNG }] });
    expect(multipart.status).toBe(403);
    expect(await stack.snapshot()).toEqual(before);
  });

  it('saves with the edit\'s base revision, drops the draft, and sends the browser to the page', async () => {
    const { browser, page, csrf } = await open(bob, `${V}/edit/Tea`);
    const base = /name="base" value="([0-9a-f]{40})"/.exec(page.body)![1]!;
    const r = await browser.post(`${V}/save/Tea`, { csrf, base, content: '# Tea\r\n\r\nSee [[Coffee]]. $x^2$\r\n\r\n', message: 'Math' });
    expect([r.status, r.headers.location]).toEqual([303, '/alice/notes/Tea']);
    expect(show('tea.md')).toBe('# Tea\n\nSee [[Coffee]]. $x^2$\n');
    expect(lastCommit()).toBe('Math|bob person|bob@example.com');
    const fragment = await stack.peers.s3Client.send(new (await import('@aws-sdk/client-s3')).GetObjectCommand({ Bucket: stack.peers.bucket, Key: 'fragments/alice/notes/pages/tea.html' }));
    expect(await fragment.Body!.transformToString()).toContain('katex');
  });

  it('shows the conflict screen (409) with both versions when the page changed underneath, and keeps the text as a draft', async () => {
    const { browser, page, csrf } = await open(bob, `${V}/edit/Coffee`);
    const base = /name="base" value="([0-9a-f]{40})"/.exec(page.body)![1]!;
    await stack.call('PUT', `${W}/pages/Coffee`, { content: '# Coffee\n\nStrong and hot.\n', message: 'Hotter' }, alice);
    const r = await browser.post(`${V}/save/Coffee`, { csrf, base, content: '# Coffee\n\nStrong and black.\n', message: 'Blacker' });
    expect(r.status).toBe(409);
    expect(r.body).toContain('Someone else changed this page');
    expect(r.body).toContain('Hotter');
    expect(r.body).toContain('Strong and hot.\n</textarea>');
    expect(r.body).toContain('Strong and black.\n</textarea>');
    expect(r.body).toContain('Strong and <del>hot</del>.');
    expect(show('coffee.md')).toBe('# Coffee\n\nStrong and hot.\n');
    const current = head();
    expect(r.body).toContain(`<input type="hidden" name="base" value="${current}">`);
    // The draft offers the user's text back in the editor.
    const editor = await browser.get(`${V}/edit/Coffee`);
    expect(editor.body).toContain('You have an unsaved draft');
    const restored = await browser.get(`${V}/edit/Coffee?draft=restore`);
    expect(restored.body).toContain('Strong and black.\n</textarea>');
    expect(restored.body).toContain(`name="base" value="${current}"`);
    // Saving the merged text against the current revision lands.
    const merged = await browser.post(`${V}/save/Coffee`, { csrf, base: current, content: '# Coffee\n\nStrong, hot and black.\n', message: 'Merged' });
    expect(merged.status).toBe(303);
    expect(show('coffee.md')).toBe('# Coffee\n\nStrong, hot and black.\n');
    expect((await browser.get(`${V}/edit/Coffee`)).body).not.toContain('unsaved draft');
  });

  it('honours COMMIT_MESSAGE: REQUIRED keeps the text and asks for a message, DISABLED writes its own', async () => {
    await stack.call('PATCH', W, { settings: { COMMIT_MESSAGE: 'REQUIRED' } }, alice);
    const { browser, page, csrf } = await open(alice, `${V}/edit/Tea`);
    expect(page.body).toMatch(/name="message"[^>]* required/);
    const base = head();
    const missing = await browser.post(`${V}/save/Tea`, { csrf, base, content: 'Kept text <b>', message: '  ' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('requires a commit message');
    expect(missing.body).toContain('Kept text &lt;b&gt;\n</textarea>');
    expect(head()).toBe(base);
    await stack.call('PATCH', W, { settings: { COMMIT_MESSAGE: 'DISABLED' } }, alice);
    const disabled = await open(alice, `${V}/edit/Tea`);
    expect(disabled.page.body).not.toContain('name="message"');
    const saved = await disabled.browser.post(`${V}/save/Tea`, { csrf: disabled.csrf, base, content: '# Tea\n\nDisabled. See [[Coffee]].\n', message: 'ignored' });
    expect(saved.status).toBe(303);
    expect(lastCommit()).toMatch(/^Updated Tea\.\|alice person/);
    await stack.call('PATCH', W, { settings: { COMMIT_MESSAGE: 'OPTIONAL' } }, alice);
  });

  it('previews with the real renderer: JSON for the script, the editor page without JavaScript', async () => {
    const { browser, csrf } = await open(alice, `${V}/edit/Tea`);
    const json = await browser.post(`${V}/preview/Tea`, { csrf, content: '# T\n\n[[Coffee]] and $a^2$ <script>x</script>' }, { accept: 'application/json' });
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(json.body) as { html: string; title: string };
    expect(body.title).toBe('T');
    expect(body.html).toContain('href="/alice/notes/Coffee"');
    expect(body.html).toContain('class="katex"');
    expect(body.html).not.toContain('<script>');
    const page = await browser.post(`${V}/preview/Tea`, { csrf, content: '# Previewed\n', base: head() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 id="previewed">Previewed</h1>');
    expect(page.body).toContain('# Previewed\n</textarea>');
  });

  it('autosaves drafts into wiki.db, restores and discards them', async () => {
    const { browser, csrf } = await open(bob, `${V}/edit/Tea`);
    const saved = await browser.post(`${V}/draft/Tea`, { csrf, content: 'Draft text', base: head(), cursor_line: '0', cursor_ch: '5' }, { accept: 'application/json' });
    expect(saved.status).toBe(200);
    expect(JSON.parse(saved.body).saved).toMatch(/^\d{4}-/);
    const restored = await browser.get(`${V}/edit/Tea?draft=restore`);
    expect(restored.body).toContain('>Draft text</textarea>');
    // Other editors have their own drafts.
    expect((await new ViewBrowser(stack.handler, alice).get(`${V}/edit/Tea`)).body).not.toContain('unsaved draft');
    const discarded = await browser.post(`${V}/draft/Tea`, { csrf, action: 'discard' });
    expect([discarded.status, discarded.headers.location]).toEqual([303, '/alice/notes/-/edit/Tea']);
    expect((await browser.get(`${V}/edit/Tea`)).body).not.toContain('unsaved draft');
    const bad = await browser.post(`${V}/draft/Tea`, { csrf, content: 'x', base: 'not-a-revision' });
    expect(bad.status).toBe(400);
  });

  it('creates pages: a free name opens the editor, a taken or unusable one is refused', async () => {
    const { browser, csrf } = await open(bob, `${V}/create`);
    const ok = await browser.post(`${V}/create`, { csrf, pagename: 'Recipes/Green Tea' });
    expect([ok.status, ok.headers.location]).toEqual([303, '/alice/notes/-/edit/Recipes/Green%20Tea']);
    const editor = await browser.get(ok.headers.location!);
    expect(editor.body).toContain('does not exist yet');
    const base = /name="base" value="([0-9a-f]{40})"/.exec(editor.body)![1]!;
    expect(base).toBe(head());
    // Someone else creates the page first: the save from the empty editor is a conflict, not an overwrite.
    await stack.call('PUT', `${W}/pages/Recipes/Green Tea`, { content: '# Theirs\n' }, alice);
    const conflict = await browser.post(`${V}/save/Recipes/Green Tea`, { csrf, base, content: '# Green Tea\n' });
    expect(conflict.status).toBe(409);
    expect(show('recipes/green tea.md')).toBe('# Theirs\n');
    const created = await browser.post(`${V}/save/Recipes/Green Tea`, { csrf, base: head(), content: '# Green Tea\n' });
    expect(created.status).toBe(303);
    expect(show('recipes/green tea.md')).toBe('# Green Tea\n');
    expect((await browser.post(`${V}/create`, { csrf, pagename: 'tea' })).status).toBe(409);
    expect((await browser.post(`${V}/create`, { csrf, pagename: '../x' })).status).toBe(400);
  });

  it('renames with the backlinks option, and deletes', async () => {
    const { browser, csrf } = await open(bob, `${V}/rename/Coffee`);
    const renamed = await browser.post(`${V}/rename/Coffee`, { csrf, newname: 'Drinks/Coffee', update_backlinks: '1', message: '' });
    expect([renamed.status, renamed.headers.location]).toEqual([303, '/alice/notes/Drinks/Coffee']);
    expect(lastCommit()).toMatch(/^Renamed Coffee to Drinks\/Coffee\.\|bob person/);
    expect(show('tea.md')).toContain('[[Drinks/Coffee]]');
    const taken = await browser.post(`${V}/rename/Drinks/Coffee`, { csrf, newname: 'Tea' });
    expect(taken.status).toBe(409);
    expect(taken.body).toContain('already exists');
    const form = await browser.get(`${V}/delete/Drinks/Coffee`);
    expect(form.body).toContain('Delete page');
    const deleted = await browser.post(`${V}/delete/Drinks/Coffee`, { csrf, message: '' });
    expect([deleted.status, deleted.headers.location]).toEqual([303, '/alice/notes/']);
    expect(lastCommit()).toMatch(/^Drinks\/Coffee deleted\.\|bob person/);
    expect((await browser.get(`${V}/delete/Drinks/Coffee`)).status).toBe(404);
  });

  it('uploads attachments checked for size and type, lists and deletes them', async () => {
    const { browser, csrf } = await open(bob, `${V}/attachments/Tea`);
    const up = await browser.post(`${V}/attachments/Tea`, { csrf, message: '' }, { files: [{ name: 'cup.png', content: PNG, type: 'image/png' }, { name: 'notes.txt', content: Buffer.from('hi') }] });
    expect([up.status, up.headers.location]).toEqual([303, '/alice/notes/-/attachments/Tea?uploaded=cup.png&uploaded=notes.txt']);
    expect(lastCommit()).toMatch(/^Added attachment\(s\): cup\.png, notes\.txt\.\|bob person/);
    const list = await browser.get(up.headers.location!);
    expect(list.body).toContain('Uploaded <code>cup.png</code>, <code>notes.txt</code>.');
    expect(list.body).toContain('![cup.png](/Tea/a/cup.png)');
    const json = await browser.post(`${V}/attachments/Tea`, { csrf }, { accept: 'application/json', files: [{ name: 'pasted.png', content: PNG }] });
    expect(json.status).toBe(201);
    expect(JSON.parse(json.body).attachments[0]).toMatchObject({ name: 'pasted.png', contentType: 'image/png', url: '/alice/notes/tea/a/pasted.png' });
    const before = head();
    const fake = await browser.post(`${V}/attachments/Tea`, { csrf }, { files: [{ name: 'evil.png', content: Buffer.from('<html><script>alert(1)</script>') }] });
    expect(fake.status).toBe(400);
    expect(fake.body).toContain('is not a image/png file');
    const big = await browser.post(`${V}/attachments/Tea`, { csrf }, { files: [{ name: 'big.bin', content: Buffer.alloc(MAX + 1) }] });
    expect(big.status).toBe(413);
    const bad = await browser.post(`${V}/attachments/Tea`, { csrf }, { files: [{ name: '.hidden', content: Buffer.from('x') }] });
    expect(bad.status).toBe(400);
    expect(head()).toBe(before);
    const reader = await new ViewBrowser(stack.handler, dora).get(`${V}/attachments/Tea`);
    expect(reader.status).toBe(200);
    expect(reader.body).not.toMatch(/wb-upload|name="action" value="delete"/);
    const del = await browser.post(`${V}/attachments/Tea`, { csrf, action: 'delete', name: 'notes.txt' });
    expect(del.status).toBe(303);
    expect(lastCommit()).toMatch(/^Deleted notes\.txt\|bob person/);
  });

  it('reverts a commit (Otter Wiki\'s message), and refuses one whose lines changed since', async () => {
    await stack.call('PUT', `${W}/pages/Notes`, { content: 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n' }, alice);
    const edited = (await stack.call('PUT', `${W}/pages/Notes`, { content: 'one\nTWO\nthree\nfour\nfive\nsix\nseven\n', message: 'Shout' }, alice)).json.revision as string;
    await stack.call('PUT', `${W}/pages/Notes`, { content: 'one\nTWO\nthree\nfour\nfive\nsix\nSEVEN\n' }, alice);
    const short = edited.slice(0, 7);
    const { browser, page, csrf } = await open(bob, `${V}/revert?revision=${short}`);
    expect(page.body).toContain('<code>notes.md</code>');
    const r = await browser.post(`${V}/revert?revision=${short}`, { csrf, message: '' });
    expect([r.status, r.headers.location]).toEqual([303, '/alice/notes/-/changelog']);
    expect(lastCommit()).toMatch(new RegExp(`^Reverted commit ${short}\\.\\|bob person`));
    // The later, non-overlapping change stays (a merge like git revert's).
    expect(show('notes.md')).toBe('one\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n');
    // Reverting "Shout" again overlaps the revert itself: 409, nothing written.
    const before = head();
    const again = await browser.post(`${V}/revert?revision=${short}`, { csrf });
    expect(again.status).toBe(409);
    expect(again.body).toContain('cannot be reverted automatically');
    expect(head()).toBe(before);
  });
});
