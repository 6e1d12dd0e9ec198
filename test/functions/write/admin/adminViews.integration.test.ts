import { tokenFor } from '../../../helpers/tokens';
import { startWriteStack } from '../../../helpers/writeStack';
import { SETTINGS } from '../../../../shared/core/settings';
import { csrfOf, ViewBrowser } from '../views/browserClient';

const W = '/api/wikis/alice/notes';
const V = '/alice/notes/-';

/**
 * The admin screens through the real write handler (s3rver, dynalite, a directory as EFS):
 * settings and members with the API's rules, CSRF on every post, nothing changed by bad input;
 * and /-/me, which the cached pages' actions script asks.
 */
describe('the settings and members screens', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  let bob: string;
  let carol: string;

  async function open(session: string, formPath: string) {
    const browser = new ViewBrowser(stack.handler, session);
    const page = await browser.get(formPath);
    expect(page.status).toBe(200);
    return { browser, page, csrf: csrfOf(page.body) };
  }

  beforeAll(async () => {
    stack = await startWriteStack('admin-views');
    [alice, bob, carol] = await Promise.all([tokenFor('alice'), tokenFor('bob'), tokenFor('carol')]);
    await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Notes' }, alice);
    await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'secret', title: 'Secret', visibility: 'private' }, alice);
    await stack.call('PUT', `${W}/members/bob`, { role: 'editor' }, alice);
  });
  afterAll(() => stack.close());

  it('shows every preference with its help to admins only', async () => {
    const { page } = await open(alice, `${V}/settings`);
    for (const key of Object.keys(SETTINGS)) expect(page.body).toContain(`name="${key}"`);
    expect(page.body).toContain('Which side of [[a|b]] is the page.');
    expect((await new ViewBrowser(stack.handler, bob).get(`${V}/settings`)).status).toBe(403);
    const anonymous = await new ViewBrowser(stack.handler).get(`${V}/settings`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toContain('/auth/login');
  });

  it('stores changed settings and republishes the shell; an untouched form changes nothing', async () => {
    const { browser, csrf } = await open(alice, `${V}/settings`);
    const fields = { csrf, title: 'Notes', visibility: 'public', SITE_NAME: 'Team Notes', COMMIT_MESSAGE: 'OPTIONAL', SIDEBAR_MENUTREE_MODE: '' };
    const saved = await browser.post(`${V}/settings`, fields);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${V}/settings?saved=SITE_NAME`);
    const wiki = await stack.call('GET', W, undefined, alice);
    expect(wiki.json.settings.SITE_NAME).toBe('Team Notes');
    expect(stack.bucketWrites().puts).toContain('fragments/alice/notes/shell.html');

    const before = await stack.snapshot();
    const again = await browser.post(`${V}/settings`, fields);
    expect(again.headers.location).toBe(`${V}/settings?saved=`);
    expect(await stack.snapshot()).toEqual(before);
    const note = await browser.get(again.headers.location!);
    expect(note.body).toContain('Nothing changed.');
  });

  it('refuses a bad value with the reason, keeps what was typed, and stores nothing', async () => {
    const { browser, csrf } = await open(alice, `${V}/settings`);
    const before = await stack.snapshot();
    const bad = await browser.post(`${V}/settings`, { csrf, title: 'Renamed', visibility: 'public', SIDEBAR_MENUTREE_MAXDEPTH: 'deep', SITE_NAME: 'Typed' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('SIDEBAR_MENUTREE_MAXDEPTH must be a whole number or empty.');
    expect(bad.body).toContain('value="Typed"');
    const attack = await browser.post(`${V}/settings`, { csrf, title: 'Notes', visibility: 'public', RENDERER_HTML_ALLOWLIST: 'script' });
    expect(attack.status).toBe(400);
    const noCsrf = await browser.post(`${V}/settings`, { title: 'Hacked', visibility: 'private' });
    expect(noCsrf.status).toBe(403);
    const bogusVisibility = await browser.post(`${V}/settings`, { csrf, title: 'Notes', visibility: 'everyone' });
    expect(bogusVisibility.status).toBe(400);
    expect(await stack.snapshot()).toEqual(before);
  });

  it('makes a wiki private from the form', async () => {
    const { browser, csrf } = await open(alice, `${V}/settings`);
    const saved = await browser.post(`${V}/settings`, { csrf, title: 'Notes', visibility: 'private', SITE_NAME: 'Team Notes', COMMIT_MESSAGE: 'OPTIONAL' });
    expect(saved.headers.location).toBe(`${V}/settings?saved=visibility`);
    expect((await stack.call('GET', W, undefined, alice)).json.visibility).toBe('private');
    await browser.post(`${V}/settings`, { csrf, title: 'Notes', visibility: 'public', SITE_NAME: 'Team Notes', COMMIT_MESSAGE: 'OPTIONAL' });
  });

  it('adds, changes and removes members with the API\'s rules', async () => {
    const { browser, csrf } = await open(alice, `${V}/members`);
    const added = await browser.post(`${V}/members`, { csrf, action: 'put', sub: 'carol', role: 'reader' });
    expect(added.status).toBe(303);
    const members = async () => (await stack.call('GET', `${W}/members`, undefined, alice)).json.members.map((m: { sub: string; role: string }) => `${m.sub}:${m.role}`).sort();
    expect(await members()).toEqual(['bob:editor', 'carol:reader']);
    expect((await browser.get(added.headers.location!)).body).toContain('Added carol as reader.');
    await browser.post(`${V}/members`, { csrf, action: 'put', sub: 'carol', role: 'admin' });
    expect(await members()).toEqual(['bob:editor', 'carol:admin']);

    const before = await stack.snapshot();
    const owner = await browser.post(`${V}/members`, { csrf, action: 'put', sub: 'alice', role: 'reader' });
    expect(owner.status).toBe(400);
    expect(owner.body).toContain('always admin');
    expect((await browser.post(`${V}/members`, { csrf, action: 'put', sub: 'dan', role: 'owner' })).status).toBe(400);
    expect((await browser.post(`${V}/members`, { csrf, action: 'put', sub: 'two words', role: 'reader' })).status).toBe(400);
    expect((await browser.post(`${V}/members`, { csrf, action: 'remove', sub: 'nobody' })).status).toBe(404);
    expect((await new ViewBrowser(stack.handler, bob).post(`${V}/members`, { csrf, action: 'put', sub: 'eve', role: 'admin' })).status).toBe(403);
    expect(await stack.snapshot()).toEqual(before);

    await browser.post(`${V}/members`, { csrf, action: 'remove', sub: 'carol' });
    expect(await members()).toEqual(['bob:editor']);
  });

  it('/-/me tells the role, and answers alike for an unknown wiki and a private one of others', async () => {
    const me = async (session: string | undefined, wiki: string) => {
      const response = await new ViewBrowser(stack.handler, session).get(`/alice/${wiki}/-/me`);
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      return JSON.parse(response.body);
    };
    expect(await me(undefined, 'notes')).toEqual({ signedIn: false, role: null });
    expect(await me(alice, 'notes')).toMatchObject({ signedIn: true, sub: 'alice', role: 'admin' });
    expect(await me(bob, 'notes')).toMatchObject({ signedIn: true, sub: 'bob', role: 'editor' });
    expect(await me(carol, 'secret')).toEqual(await me(carol, 'no-such-wiki'));
    expect((await me(carol, 'secret')).role).toBeNull();
  });
});
