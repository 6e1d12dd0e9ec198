import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { eventV2 } from '../../../local/events';
import { SESSION_COOKIE } from '../../../functions/write/identity';
import { tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';

type ToolResult = { isError?: boolean; structuredContent?: Record<string, any>; content: { type: string; text?: string }[] };

describe('MCP endpoint /mcp, driven by the SDK client over streamable HTTP', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let server: http.Server;
  let url: string;
  let alice: string;
  const clients: Client[] = [];

  /** An SDK client connected to /mcp, with a bearer token or none. */
  const connect = async (token?: string) => {
    const client = new Client({ name: 'wikibot-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
    }));
    clients.push(client);
    return client;
  };
  const call = async (client: Client, name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as ToolResult;
  const ok = async (client: Client, name: string, args: Record<string, unknown>) => {
    const result = await call(client, name, args);
    expect([name, result.isError ?? false, result.structuredContent?.error]).toEqual([name, false, undefined]);
    expect(JSON.parse(result.content[0]!.text!)).toEqual(result.structuredContent);
    return result.structuredContent!;
  };
  const failed = async (client: Client, name: string, args: Record<string, unknown>) => {
    const result = await call(client, name, args);
    expect(result.isError).toBe(true);
    expect(JSON.parse(result.content[0]!.text!)).toEqual(result.structuredContent);
    return result.structuredContent!.error as { code: string; message: string; [key: string]: unknown };
  };

  beforeAll(async () => {
    stack = await startWriteStack('mcp');
    alice = await tokenFor('alice');
    expect((await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'agents', title: 'Agents' }, alice)).statusCode).toBe(201);
    // A tiny HTTP front for the write handler, building the same events as the local gateway.
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        stack.handler(eventV2(req, Buffer.concat(chunks), { routeKey: '$default', apiId: 'test', domainName: 'localhost' })).then((out) => {
          res.writeHead(out.statusCode, out.headers as http.OutgoingHttpHeaders);
          res.end(out.body === undefined ? undefined : Buffer.from(out.body, out.isBase64Encoded ? 'base64' : 'utf8'));
        }, (error: Error) => {
          res.writeHead(500);
          res.end(String(error));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await stack?.close();
  });

  it('initialises and lists the tools with JSON Schemas for their input', async () => {
    const client = await connect(alice);
    expect(client.getServerVersion()).toMatchObject({ name: 'wikibot' });
    expect(client.getInstructions()).toContain('baseRevision');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'delete_page', 'diff', 'list_pages', 'list_wikis', 'page_history', 'read_page', 'read_revision', 'rename_page', 'search', 'write_page',
    ]);
    const write = tools.find((t) => t.name === 'write_page')!;
    expect(write.inputSchema).toMatchObject({
      type: 'object', required: expect.arrayContaining(['user', 'wiki', 'path', 'content']), additionalProperties: false,
    });
    expect(Object.keys(write.inputSchema.properties ?? {})).toEqual(['user', 'wiki', 'path', 'content', 'message', 'baseRevision']);
    expect(write.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(tools.find((t) => t.name === 'search')!.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('writes, reads, searches, diffs, renames and deletes pages with the same commands as the API', async () => {
    const client = await connect(alice);
    const wiki = { user: 'alice', wiki: 'agents' };
    expect((await ok(client, 'list_wikis', {})).wikis.map((w: any) => w.wiki)).toEqual(['agents']);

    const created = await ok(client, 'write_page', { ...wiki, path: 'Research/Notes', content: '# Notes\n\nFirst draft about quasars.\n', message: 'Agent notes' });
    expect(created).toMatchObject({ path: 'Research/Notes', created: true, changed: true, title: 'Notes', unpublished: [] });
    const read = await ok(client, 'read_page', { ...wiki, path: 'research/notes' });
    expect(read).toMatchObject({ content: '# Notes\n\nFirst draft about quasars.\n', revision: created.revision, title: 'Notes' });

    const second = await ok(client, 'write_page', { ...wiki, path: 'Research/Notes', content: '# Notes\n\nSecond draft about pulsars.\n', baseRevision: read.revision });
    expect(second).toMatchObject({ created: false, changed: true });
    // A stale base: structured error with the current revision, and nothing written.
    const stale = await failed(client, 'write_page', { ...wiki, path: 'Research/Notes', content: 'lost', baseRevision: read.revision });
    expect(stale).toMatchObject({ code: 'stale_revision', currentRevision: second.revision });
    expect((await ok(client, 'read_page', { ...wiki, path: 'Research/Notes' })).content).toContain('pulsars');

    const found = await ok(client, 'search', { ...wiki, query: 'pulsars' });
    expect(found.hits.map((h: any) => h.path)).toEqual(['research/notes']);
    expect(found.hits[0].snippets[0]).toContain('<mark>pulsars</mark>');
    expect((await ok(client, 'search', { ...wiki, query: 'quasars' })).total).toBe(0);
    expect((await ok(client, 'search', { ...wiki, query: 'p\\w+ars', regex: true })).total).toBe(1);

    const history = await ok(client, 'page_history', { ...wiki, path: 'Research/Notes' });
    expect(history.entries.map((e: any) => e.revision)).toEqual([second.revision, created.revision]);
    expect(history.entries[1].message).toBe('Agent notes');
    expect((await ok(client, 'read_revision', { ...wiki, path: 'Research/Notes', revision: created.revision.slice(0, 8) })).content).toContain('quasars');
    const diff = await ok(client, 'diff', { ...wiki, path: 'Research/Notes', from: created.revision });
    expect(diff.unified).toContain('-First draft about quasars.');
    expect(diff.unified).toContain('+Second draft about pulsars.');

    const listed = await ok(client, 'list_pages', { ...wiki, limit: 10 });
    expect(listed.pages.map((p: any) => p.path)).toEqual(['home', 'research/notes']);

    const renamed = await ok(client, 'rename_page', { ...wiki, path: 'Research/Notes', newPath: 'Archive/Notes', updateBacklinks: true });
    expect(renamed).toMatchObject({ newPath: 'Archive/Notes', moved: [{ from: 'research/notes.md', to: 'archive/notes.md' }] });
    expect((await ok(client, 'search', { ...wiki, query: 'pulsars' })).hits.map((h: any) => h.path)).toEqual(['archive/notes']);
    expect(await ok(client, 'delete_page', { ...wiki, path: 'Archive/Notes' })).toMatchObject({ deleted: ['archive/notes.md'] });
    expect(await failed(client, 'read_page', { ...wiki, path: 'Archive/Notes' })).toMatchObject({ code: 'not_found' });
  });

  it('validates every input with its schema and answers structured errors', async () => {
    const client = await connect(alice);
    const missing = await failed(client, 'write_page', { user: 'alice', wiki: 'agents', path: 'X' });
    expect(missing).toMatchObject({ code: 'invalid_input', issues: [expect.objectContaining({ path: 'content' })] });
    expect(missing.message).toMatch(/^Invalid arguments for write_page: content/);
    expect(await failed(client, 'read_page', { user: 'alice', wiki: 'agents', path: 'X', extra: 1 })).toMatchObject({ code: 'invalid_input' });
    expect(await failed(client, 'list_pages', { user: 'alice', wiki: 'agents', limit: 0 })).toMatchObject({ code: 'invalid_input' });
    expect(await failed(client, 'read_revision', { user: 'alice', wiki: 'agents', path: 'Home', revision: 'zz' })).toMatchObject({ code: 'invalid_input' });
    expect(await failed(client, 'read_page', { user: 'Alice!', wiki: 'agents', path: 'Home' })).toMatchObject({ code: 'invalid_input' });
    expect(await failed(client, 'read_page', { user: 'alice', wiki: 'agents', path: '../x' })).toMatchObject({ code: 'invalid_input' });
    expect(await failed(client, 'search', { user: 'alice', wiki: 'agents', query: '(', regex: true })).toMatchObject({ code: 'invalid_input' });
    expect(await failed(client, 'read_page', { user: 'alice', wiki: 'nowhere', path: 'Home' })).toMatchObject({ code: 'not_found' });
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/no tool "no_such_tool"/);
  });

  it('applies the API roles: anonymous reads public wikis only, other users need membership', async () => {
    const anonymous = await connect();
    expect((await ok(anonymous, 'read_page', { user: 'alice', wiki: 'agents', path: 'Home' })).title).toBe('Agents');
    expect(await failed(anonymous, 'write_page', { user: 'alice', wiki: 'agents', path: 'X', content: 'x' })).toMatchObject({ code: 'unauthorized' });
    expect(await failed(anonymous, 'list_wikis', {})).toMatchObject({ code: 'unauthorized' });
    const bob = await connect(await tokenFor('bob'));
    expect(await failed(bob, 'write_page', { user: 'alice', wiki: 'agents', path: 'X', content: 'x' })).toMatchObject({
      code: 'forbidden', message: expect.stringContaining('editor'),
    });
    await stack.call('PUT', '/api/wikis/alice/agents/members/bob', { role: 'editor' }, alice);
    expect(await ok(bob, 'write_page', { user: 'alice', wiki: 'agents', path: 'Bob', content: 'by bob' })).toMatchObject({ created: true });
  });

  it('refuses a bad token with HTTP 401, ignores cookies, and answers 405 to GET', async () => {
    await expect(connect('not-a-token')).rejects.toThrow();
    const init = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'write_page', arguments: { user: 'alice', wiki: 'agents', path: 'C', content: 'c' } } };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const bad = await fetch(`${url}/mcp`, { method: 'POST', headers: { ...headers, authorization: 'Bearer nope' }, body: JSON.stringify(init) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer');
    const cookie = await fetch(`${url}/mcp`, { method: 'POST', headers: { ...headers, cookie: `${SESSION_COOKIE}=${alice}` }, body: JSON.stringify(init) });
    expect(cookie.status).toBe(200);
    expect((await cookie.json()).result.structuredContent.error.code).toBe('unauthorized');
    const get = await fetch(`${url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});
