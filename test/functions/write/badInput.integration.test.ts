import { ROUTES } from '../../../functions/write/routes';
import { tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';

const W = '/api/wikis/alice/safe';
const MAX_ATTACHMENT = 32 * 1024;

/**
 * Bad input writes nothing: every case answers 4xx with a clear message and leaves every commit,
 * every file under the EFS root and beside it, every object and every item as it was.
 */
describe('bad input and path traversal (s3rver + dynalite + git)', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;

  beforeAll(async () => {
    stack = await startWriteStack('badinput', { limits: { maxAttachmentBytes: MAX_ATTACHMENT } });
    alice = await tokenFor('alice');
    await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'safe', title: 'Safe' }, alice);
    await stack.call('PUT', `${W}/pages/Page`, { content: '# Page' }, alice);
    await stack.call('PUT', `${W}/pages/Page/Sub`, { content: '# Sub' }, alice);
  });
  afterAll(() => stack.close());

  // Every test compares everything a request could write, before and after all its requests.
  let before: Awaited<ReturnType<typeof stack.snapshot>> | undefined;
  beforeEach(async () => {
    before = await stack.snapshot();
  });
  afterEach(async () => {
    expect(await stack.snapshot()).toEqual(before);
  });

  const expectRejected = async (status: number, send: () => Promise<{ statusCode: number; json: Record<string, any> }>) => {
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(typeof response.json.error?.message).toBe('string');
    expect(response.json.error.message.length).toBeGreaterThan(10);
    return response;
  };

  // Raw URL path segments after /pages/ (as a client would send them, encoded or not).
  const pageNames: string[] = [
    '..', '../x', 'a/../../../etc/passwd', '%2e%2e', '%2E%2E/x', '.%2e/x', '%2e%2e%2fx', 'a%2F..%2F..%2Fb', '.', 'a/./b',
    '%2Fetc%2Fpasswd', '%2F%2Fserver%2Fshare', 'C%3A%2Fwindows', 'c%3Ax', 'a%5Cb', '..%5C..%5Cx', '%5C%5Cserver',
    'a%00b', '%00', 'x%0A', 'x%0D', '%1b%5B31m', '%7F', '%C2%85', '%3F%3F%3F', '!!!', 'a/%24%24/b', '%EF%BC%8E%EF%BC%8E/x',
    'a%EF%BC%8F..%EF%BC%8Fb', 'a%EF%BC%BCb', `${'x'.repeat(256)}`, '%E0%A4%A',
  ];
  it.each(pageNames)('page name %s → 400 on PUT, GET, DELETE and rename', async (name) => {
    await expectRejected(400, () => stack.call('PUT', `${W}/pages/${name}`, { content: 'pwned' }, alice));
    await expectRejected(400, () => stack.call('DELETE', `${W}/pages/${name}`, undefined, alice));
    await expectRejected(400, () => stack.call('POST', `${W}/pages/${name}/-/rename`, { newPath: 'Elsewhere' }, alice));
    await expectRejected(400, () => stack.call('GET', `${W}/pages/${name}`));
  });

  const attachmentNames: string[] = [
    '..', '.', '.git', '.htaccess', '..%2F..%2Fx', '%2e%2e', '%2Fetc%2Fpasswd', 'a%5Cb', '..%5Cx', 'a%00.png', 'a%0A.png',
    'C%3Ax.png', 'x.md', 'X.MD', '%20lead.png', 'trail.png%20', 'a%3F.png', 'a%23.png', 'a%25.png', 'a%EF%BC%8Fb.png',
    `${'y'.repeat(256)}.png`,
  ];
  it.each(attachmentNames)('attachment name %s → 400 as a URL and as a JSON name', async (name) => {
    await expectRejected(400, () => stack.call('PUT', `${W}/pages/Page/-/attachments/${name}`, undefined, alice, { raw: Buffer.from('x'), headers: { 'content-type': 'image/png' } }));
    await expectRejected(400, () => stack.call('GET', `${W}/pages/Page/-/attachments/${name}`));
    await expectRejected(400, () => stack.call('DELETE', `${W}/pages/Page/-/attachments/${name}`, undefined, alice));
    const decoded = (() => {
      try {
        return decodeURIComponent(name);
      } catch {
        return name;
      }
    })();
    await expectRejected(400, () => stack.call('POST', `${W}/pages/Page/-/attachments`, { files: [{ name: decoded, content: 'eA==' }] }, alice));
  });

  const renameTargets: string[] = [
    '../x', '..', '.', 'a/../../b', '/etc/passwd', '//server/share', 'C:/Windows/x', 'c:x', 'a\\b', '..\\..\\x',
    'a\u0000b', 'x\n', '\u001b[31m', '???', '!!!', 'a/$$/b', '．．/x', 'a／..／b', 'a＼b', '', '   ', 'x'.repeat(256), 'Page/Sub/../../x',
  ];
  it.each(renameTargets)('rename target %j → 400', async (newPath) => {
    await expectRejected(400, () => stack.call('POST', `${W}/pages/Page/-/rename`, { newPath }, alice));
  });

  it('covers at least 40 traversal names', () => {
    expect(pageNames.length + attachmentNames.length + renameTargets.length).toBeGreaterThanOrEqual(40);
  });

  // Every route of the table: a path with a bad slug, malformed JSON, an oversize body, an unknown query parameter.
  const concrete = (path: string, user = 'alice') =>
    path.replace('{user}', user).replace('{wiki}', 'safe').replace('{page+}', 'Page').replace('{sub}', 'bob').replace('{name}', 'f.png');
  const withBody = ROUTES.filter((r) => r.method !== 'GET');

  it.each(ROUTES.map((r) => [r.method, r.path]))('%s %s: a bad user slug → 400', async (method, path) => {
    if (!path.includes('{user}')) return;
    await expectRejected(400, () => stack.call(method, concrete(path, 'Alice!'), method === 'GET' ? undefined : {}, alice));
  });

  it.each(withBody.map((r) => [r.method, r.path]))('%s %s: malformed JSON → 400', async (method, path) => {
    await expectRejected(400, () => stack.call(method, concrete(path), '{"broken": ', alice));
  });

  it.each(withBody.map((r) => [r.method, r.path]))('%s %s: a JSON array → 400', async (method, path) => {
    await expectRejected(400, () => stack.call(method, concrete(path), '[1, 2]', alice));
  });

  it.each(withBody.map((r) => [r.method, r.path]))('%s %s: an oversize body → 413', async (method, path) => {
    const big = path.endsWith('{page+}') && method === 'PUT' ? 4 * 1024 * 1024 + 1 : 256 * 1024;
    const response = await expectRejected(413, () => stack.call(method, concrete(path), JSON.stringify({ x: 'x'.repeat(big) }), alice));
    expect(response.json.error.message).toMatch(/\d+ (bytes|KiB|MiB)/);
  });

  it.each(ROUTES.map((r) => [r.method, r.path]))('%s %s: an unknown query parameter → 400', async (method, path) => {
    await expectRejected(400, () => stack.call(method, concrete(path), method === 'GET' ? undefined : {}, alice, { query: 'surprise=1' }));
  });

  const wrongTypes: Array<[string, string, string, unknown]> = [
    ['create: user as a number', 'POST', '/api/wikis', { user: 1, wiki: 'w' }],
    ['create: an unknown field', 'POST', '/api/wikis', { user: 'alice', wiki: 'w', owner: 'bob' }],
    ['create: a title with a newline', 'POST', '/api/wikis', { user: 'alice', wiki: 'w', title: 'a\nb' }],
    ['update: visibility as a boolean', 'PATCH', W, { visibility: true }],
    ['update: settings as a list', 'PATCH', W, { settings: [] }],
    ['member: role missing', 'PUT', `${W}/members/bob`, {}],
    ['member: role as a number', 'PUT', `${W}/members/bob`, { role: 3 }],
    ['member: a sub with a space', 'PUT', `${W}/members/a%20b`, { role: 'reader' }],
    ['page: content as a list', 'PUT', `${W}/pages/X`, { content: ['a'] }],
    ['page: baseRevision as a number', 'PUT', `${W}/pages/X`, { content: 'a', baseRevision: 5 }],
    ['page: a malformed baseRevision', 'PUT', `${W}/pages/X`, { content: 'a', baseRevision: 'HEAD~1' }],
    ['page: an unknown field', 'PUT', `${W}/pages/X`, { content: 'a', author: 'mallory' }],
    ['delete: message as an object', 'DELETE', `${W}/pages/Page`, { message: {} }],
    ['rename: newPath as a number', 'POST', `${W}/pages/Page/-/rename`, { newPath: 42 }],
    ['upload: files as an object', 'POST', `${W}/pages/Page/-/attachments`, { files: {} }],
    ['upload: content as a number', 'POST', `${W}/pages/Page/-/attachments`, { files: [{ name: 'a.png', content: 1 }] }],
    ['upload (JSON PUT): content missing', 'PUT', `${W}/pages/Page/-/attachments/a.png`, { message: 'x' }],
  ];
  it.each(wrongTypes)('%s → 400', async (_what, method, path, body) => {
    await expectRejected(400, () => stack.call(method, path, body, alice));
  });

  it.each([
    ['limit 0', `${W}/changelog`, 'limit=0'],
    ['limit too large', `${W}/pages`, 'limit=100000'],
    ['limit not a number', `${W}/pages/Page/-/history`, 'limit=ten'],
    ['a repeated parameter', `${W}/pages`, 'limit=1&limit=2'],
    ['a diff without from', `${W}/pages/Page/-/diff`, ''],
    ['a diff from a non-revision', `${W}/pages/Page/-/diff`, 'from=HEAD'],
  ])('GET with %s → 400', async (_what, path, query) => {
    await expectRejected(400, () => stack.call('GET', path, undefined, alice, { query }));
  });

  // Issue 11: a page within the size limit that would cost too much to render → 422 before any commit.
  const table = (rows: number, cols: number) => `|${' x |'.repeat(cols)}\n|${' --- |'.repeat(cols)}\n${`|${' x |'.repeat(cols)}\n`.repeat(rows)}`;
  it.each([
    ["'::: info' × 3000", '::: info\n'.repeat(3000), 'blockNesting'],
    ["'>' × 30000", '>'.repeat(30000), 'nesting'],
    ['a 300 × 100 table', table(300, 100), 'tableCells'],
    ['a 3000-column table', table(3, 3000), 'tableColumns'],
    ["'*a' × 30000", '*a'.repeat(30000), 'inlineMarkers'],
  ])('PUT a page of %s → 422 naming the limit, nothing committed or published', async (_what, content, limit) => {
    for (const page of ['Page', 'Fresh']) {
      const response = await expectRejected(422, () => stack.call('PUT', `${W}/pages/${page}`, { content }, alice));
      expect(response.json.error.code).toBe('page_too_complex');
      expect(response.json.error.limit).toBe(limit);
      expect(response.json.error.message).toMatch(/exceeds the limit of \d+ .*nothing was saved/);
    }
  });
});
