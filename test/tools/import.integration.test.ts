import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { backfillDeps } from '../../functions/backfill/wiring';
import { createDynamoClient } from '../../shared/adapters/dynamoClient';
import { dynamoTenantStore } from '../../shared/adapters/dynamoTenantStore';
import { ConflictError, InvalidInputError } from '../../shared/core/errors';
import { decodeContentFragment } from '../../shared/core/fragments/contentEnvelope';
import { fileCommitIndexProvider } from '../../shared/adapters/fileCommitIndex';
import { GitWikiHistory } from '../../shared/adapters/gitWikiHistory';
import { indexedHistoryProvider } from '../../shared/adapters/indexedWikiHistory';
import { gitLogIndex } from '../../tools/gitLogIndex';
import { importWiki, type ImportDeps } from '../../tools/importWiki';
import { git } from '../helpers/git';
import { tempDir } from '../helpers/peers';
import { tokenFor } from '../helpers/tokens';
import { startWriteStack } from '../helpers/writeStack';
import { publishedTree } from '../helpers/sidebarTree';

/** An Otter Wiki repository as the git CLI makes it: work tree, history, folders, attachments, gc'd. */
function otterWikiRepository(dir: string): string {
  const repo = path.join(dir, 'otterwiki');
  fs.mkdirSync(repo);
  let clock = Date.parse('2024-01-05T10:00:00Z') / 1000;
  const sh = (...args: string[]) => {
    clock += 3600;
    return execFileSync('git', args, {
      cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_AUTHOR_DATE: `${clock} +0000`, GIT_COMMITTER_DATE: `${clock} +0000` },
    });
  };
  const write = (file: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), content);
  };
  const commit = (message: string, user = 'Otter Admin') => {
    sh('add', '-A');
    sh('-c', `user.name=${user}`, '-c', 'user.email=admin@otter.example', 'commit', '-q', '-m', message);
  };
  sh('init', '-q', '-b', 'master');
  write('home.md', '# Otter Handbook\n\nStart at [[Getting Started]].\n');
  commit('Initial commit');
  write('getting started.md', '# Getting Started\n\nRead [[Docs/API Guide]] and [[Team/Meeting Notes]].\n');
  write('Docs/API Guide.md', '# API Guide\n\n| verb | path |\n|------|------|\n| GET | /pages |\n');
  commit('Added Getting Started and API Guide.');
  write('Docs/API Guide/diagram.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 1, 2, 3]));
  write('Docs/API Guide/spec.pdf', Buffer.from('%PDF-1.4 tiny'));
  commit('Added attachment(s): diagram.png, spec.pdf.');
  write('Team/Meeting Notes.md', '# Meeting Notes\n\n- [x] pick a wiki\n- [ ] import it\n');
  write('scratch.md', 'temporary\n');
  commit('Added Team/Meeting Notes.', 'Bea');
  sh('rm', '-q', 'scratch.md');
  commit('scratch deleted.');
  write('home.md', '# Otter Handbook\n\nStart at [[Getting Started]]. Updated.\n');
  commit('Updated Home.', 'Bea');
  sh('tag', 'v1');
  sh('gc', '-q', '--aggressive', '--prune=now');
  return repo;
}

describe('npm run import: an Otter Wiki repository made by the git CLI', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let dir: string;
  let source: string;
  let deps: ImportDeps & { close(): void };
  let dynamo: ReturnType<typeof createDynamoClient>;
  const id = { user: 'otter', wiki: 'handbook' };
  const gitdir = () => path.join(stack.config.dataDir, 'wikis/otter/handbook/repo.git');
  const fragment = async (key: string) => {
    const out = await stack.peers.s3Client.send(new GetObjectCommand({ Bucket: stack.peers.bucket, Key: key }));
    return out.Body!.transformToString();
  };

  beforeAll(async () => {
    stack = await startWriteStack('import');
    dir = tempDir('wikibot-import-');
    source = otterWikiRepository(dir);
    dynamo = createDynamoClient({ region: stack.config.region, endpoint: stack.config.dynamoEndpoint });
    deps = {
      ...backfillDeps(stack.config), tenants: dynamoTenantStore(dynamo, stack.config.tenantsTable), dataDir: stack.config.dataDir,
      commitIndexes: fileCommitIndexProvider({ fs, root: stack.config.dataDir }),
    };
  }, 60_000);
  afterAll(async () => {
    deps.close();
    dynamo.destroy();
    await stack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the source really is packed: objects in a pack, the branch only in packed-refs', () => {
    const gitDir = path.join(source, '.git');
    expect(fs.existsSync(path.join(gitDir, 'refs/heads/master'))).toBe(false);
    expect(fs.readFileSync(path.join(gitDir, 'packed-refs'), 'utf8')).toMatch(/ refs\/heads\/master\n/);
    expect(fs.readdirSync(path.join(gitDir, 'objects/pack')).some((f) => f.endsWith('.pack'))).toBe(true);
  });

  it('keeps the whole history, publishes every page and records the tenant', async () => {
    const result = await importWiki(deps, { repo: source, id, visibility: 'private' });
    expect(result).toMatchObject({
      wiki: 'otter/handbook', title: 'Otter Handbook', branch: 'master', commits: 6, pages: 4, attachments: 2,
      retainCase: true, uncommitted: 0,
    });
    expect(result.publish).toMatchObject({ pages: 4, published: 4, attachments: 2, failed: [], complete: true });

    // History: the same commits, ids and all, and a repository git finds sound.
    expect(git(gitdir(), 'rev-parse', 'HEAD')).toBe(git(path.join(source, '.git'), 'rev-parse', 'HEAD'));
    expect(git(gitdir(), 'log', '--format=%an|%s')).toBe(git(path.join(source, '.git'), 'log', '--format=%an|%s'));
    expect(git(gitdir(), 'rev-parse', '--is-bare-repository').trim()).toBe('true');
    expect(git(gitdir(), 'tag')).toBe('v1\n');
    expect(git(gitdir(), 'remote')).toBe('');
    git(gitdir(), 'fsck', '--full', '--strict');

    // Page by page: the fragment holds the rendered page and the blob it came from.
    const pages: Record<string, { file: string; text: string; title: string }> = {
      home: { file: 'home.md', text: 'Updated.', title: 'Otter Handbook' },
      'getting started': { file: 'getting started.md', text: 'href="/otter/handbook/Docs/API%20Guide"', title: 'Getting Started' },
      'docs/api guide': { file: 'Docs/API Guide.md', text: '<td>/pages</td>', title: 'API Guide' },
      'team/meeting notes': { file: 'Team/Meeting Notes.md', text: 'import it', title: 'Meeting Notes' },
    };
    for (const [key, page] of Object.entries(pages)) {
      const { meta, html } = decodeContentFragment(await fragment(`fragments/otter/handbook/pages/${key}.html`));
      expect(meta?.blob).toBe(git(gitdir(), 'rev-parse', `HEAD:${page.file}`).trim());
      expect(meta?.title).toBe(page.title);
      expect(html).toContain(page.text);
    }
    const listed = await deps.blobs.list('fragments/otter/handbook/pages/');
    expect(listed.filter((k) => k.endsWith('.html')).sort()).toEqual(Object.keys(pages).map((k) => `fragments/otter/handbook/pages/${k}.html`).sort());
    const sidebar = await publishedTree(fragment, 'fragments/otter/handbook');
    for (const key of Object.keys(pages)) expect(sidebar).toContain(`data-key="${key}"`);
    expect(await fragment('fragments/otter/handbook/shell.html')).toContain('Otter Handbook');
    // Attachments go beside the fragments, under the page's case-folded key, byte for byte.
    await expect(deps.blobs.list('attachments/otter/handbook/')).resolves.toEqual([
      'attachments/otter/handbook/docs/api guide/diagram.png', 'attachments/otter/handbook/docs/api guide/spec.pdf',
    ]);
    const png = await stack.peers.s3Client.send(new GetObjectCommand({ Bucket: stack.peers.bucket, Key: 'attachments/otter/handbook/docs/api guide/diagram.png' }));
    expect(Buffer.from(await png.Body!.transformToByteArray())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 1, 2, 3]));
    expect(png.ContentType).toBe('image/png');

    await expect(deps.tenants.getWiki(id)).resolves.toMatchObject({ title: 'Otter Handbook', visibility: 'private', owner: 'otter' });
    await expect(deps.dbs.open(id).preferences()).resolves.toEqual({ SITE_NAME: 'Otter Handbook', RETAIN_PAGE_NAME_CASE: 'True' });
  });

  it('builds the history index from git log, answering as the walk does', async () => {
    const index = fileCommitIndexProvider({ fs, root: stack.config.dataDir }).open(id);
    const head = (await index.head())!;
    expect(head).toEqual({ revision: git(gitdir(), 'rev-parse', 'HEAD').trim(), seq: 5 });
    const records = await index.read([0, 1, 2, 3, 4, 5]);
    expect(records.map((r) => r.message)).toEqual(git(gitdir(), 'log', '--reverse', '--format=%s').trim().split('\n'));
    expect(records[2]!.files).toEqual(['Docs/API Guide/diagram.png', 'Docs/API Guide/spec.pdf']);
    expect(records).toEqual(gitLogIndex(gitdir()));
    const history = indexedHistoryProvider({ fs, root: stack.config.dataDir, indexes: fileCommitIndexProvider({ fs, root: stack.config.dataDir }) }).open(id);
    const walk = new GitWikiHistory(fs, gitdir());
    for (const query of [{ limit: 10 }, { limit: 2 }, { path: 'home.md', limit: 10 }, { path: 'Docs', limit: 10 }, { path: 'scratch.md', limit: 10 }]) {
      expect(await history.log(query)).toEqual(await walk.log(query));
    }
    expect(fs.existsSync(path.join(stack.config.dataDir, 'wikis/otter/handbook/import.json'))).toBe(false);
  });

  it('resumes an interrupted import where it stopped, and then refuses like any existing wiki', async () => {
    const resumed = { user: 'otter', wiki: 'resumed' };
    let asked = 0;
    const first = await importWiki(deps, { repo: source, id: resumed, publish: { concurrency: 1, shouldStop: () => ++asked > 2 } });
    expect(first.publish).toMatchObject({ published: 2, complete: false });
    const marker = path.join(stack.config.dataDir, 'wikis/otter/resumed/import.json');
    expect(JSON.parse(fs.readFileSync(marker, 'utf8'))).toMatchObject({ source: path.resolve(source), after: 'Team/Meeting Notes.md' });

    const second = await importWiki(deps, { repo: source, id: resumed });
    expect(second.publish).toMatchObject({ pages: 2, published: 2, failed: [], complete: true });
    expect(fs.existsSync(marker)).toBe(false);
    const keys = (await deps.blobs.list('fragments/otter/resumed/pages/')).filter((k) => k.endsWith('.html'));
    expect(keys).toHaveLength(4);
    await expect(importWiki(deps, { repo: source, id: resumed })).rejects.toThrow(/otter\/resumed already exists/);
  });

  it('takes new commits through the write API on top of the imported history', async () => {
    const before = git(gitdir(), 'rev-parse', 'HEAD').trim();
    const put = await stack.call('PUT', '/api/wikis/otter/handbook/pages/Docs/API%20Guide',
      { content: '# API Guide\n\nRewritten after the import.' }, await tokenFor('otter'));
    expect(put.statusCode).toBe(200);
    expect(git(gitdir(), 'rev-parse', 'HEAD~1').trim()).toBe(before);
    expect(git(gitdir(), 'show', 'HEAD:Docs/API Guide.md')).toBe('# API Guide\n\nRewritten after the import.');
    expect(git(gitdir(), 'rev-list', '--count', 'HEAD').trim()).toBe('7');
    git(gitdir(), 'fsck', '--full', '--strict');
  });

  it('refuses to import over an existing wiki, and changes nothing', async () => {
    const head = git(gitdir(), 'rev-parse', 'HEAD');
    await expect(importWiki(deps, { repo: source, id })).rejects.toThrow(ConflictError);
    await expect(importWiki(deps, { repo: source, id })).rejects.toThrow(/otter\/handbook already exists/);
    expect(git(gitdir(), 'rev-parse', 'HEAD')).toBe(head);
  });

  it('refuses what is not a repository with commits, leaving no trace', async () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    await expect(importWiki(deps, { repo: empty, id: { user: 'otter', wiki: 'none' } })).rejects.toThrow(InvalidInputError);
    execFileSync('git', ['init', '-q', empty]);
    await expect(importWiki(deps, { repo: empty, id: { user: 'otter', wiki: 'none' } })).rejects.toThrow(/no commits/);
    await expect(importWiki(deps, { repo: path.join(dir, 'missing'), id: { user: 'otter', wiki: 'none' } })).rejects.toThrow(/does not exist/);
    await expect(deps.tenants.getWiki({ user: 'otter', wiki: 'none' })).resolves.toBeUndefined();
    expect(fs.existsSync(path.join(stack.config.dataDir, 'wikis/otter/none'))).toBe(false);
  });

  it('runs as `npm run import` (the CLI)', async () => {
    const { main } = await import('../../tools/import');
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      const code = await main([
        '--repo', source, '--wiki', 'otter/copy', '--title', 'Copy',
        '--bucket', stack.config.bucket, '--table', stack.config.tenantsTable, '--data-dir', stack.config.dataDir,
        '--s3-endpoint', stack.config.s3Endpoint!, '--dynamo-endpoint', stack.config.dynamoEndpoint!,
      ]);
      expect(code).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(lines[0]).toBe('Imported otter/copy ("Copy"): 6 commits on master, 4 pages, 2 other files, RETAIN_PAGE_NAME_CASE=True (mixed-case names).');
    await expect(main(['--repo', source])).rejects.toThrow('--wiki');
  });
});
