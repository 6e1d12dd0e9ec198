import { assetManifestFromEnv } from '../../../functions/write/assetManifest';
import { Publisher } from '../../../functions/write/publisher';
import { decodeContentFragment } from '../../../shared/core/fragments/contentEnvelope';
import { decodeShellFragment } from '../../../shared/core/fragments/shellEnvelope';
import type { BlobStore } from '../../../shared/ports/blobStore';
import type { WikiRepo } from '../../../shared/ports/wikiRepo';

const encoder = new TextEncoder();
const id = { user: 'alice', wiki: 'notes' };

function memoryBlobs() {
  const objects = new Map<string, string>();
  const store: BlobStore = {
    getText: async (key) => objects.get(key),
    put: async (key, body) => void objects.set(key, typeof body === 'string' ? body : new TextDecoder().decode(body)),
    delete: async (key) => void objects.delete(key),
    list: async (prefix) => [...objects.keys()].filter((k) => k.startsWith(prefix)).sort(),
  };
  return { store, objects };
}

function repoOf(files: Record<string, string>): WikiRepo {
  return {
    listFiles: async () => Object.keys(files),
    readFile: async (path: string) => (files[path] === undefined ? undefined : { content: encoder.encode(files[path]), blob: `blob-${path}` }),
  } as unknown as WikiRepo;
}

describe('Publisher', () => {
  it('publishes a shell that links the built assets and carries the library tags', async () => {
    const { store, objects } = memoryBlobs();
    await new Publisher(store, { 'wikibot.css': '/static/abc/wikibot.css', 'mermaid.min.js': '/static/def/mermaid.min.js' })
      .publishShell(id, { SITE_NAME: 'Notes', SITE_DESCRIPTION: 'About', SITE_LOGO: '/logo.png' }, 'fallback');
    const { html, libraries } = decodeShellFragment(objects.get('fragments/alice/notes/shell.html')!);
    expect(html).toContain('<link rel="stylesheet" href="/static/abc/wikibot.css">');
    expect(html).toContain('<img class="wb-logo" src="/alice/notes/logo.png" alt="">');
    expect(libraries.mermaid).toContain('/static/def/mermaid.min.js');
  });

  it('renders pages with the wiki\'s wikilink style and HTML allow-list, noting the libraries', async () => {
    const { store, objects } = memoryBlobs();
    const source = { content: encoder.encode('# T\n\n[[Page|Title]] <meter value="2" max="9"></meter>\n\n```mermaid\nA-->B\n```'), blob: 'b1' };
    const out = await new Publisher(store, {}).publishPage(id, 'docs/t.md', source, { WIKILINK_STYLE: 'LinkTitle', RENDERER_HTML_ALLOWLIST: 'meter[value max]' });
    expect(out).toEqual({ key: 'fragments/alice/notes/pages/docs/t.html', title: 'T' });
    const { meta, html } = decodeContentFragment(objects.get(out.key)!);
    expect(meta).toMatchObject({ title: 'T', libraries: ['mermaid'], blob: 'b1' });
    expect(html).toContain('<a href="/alice/notes/Page" class="wikilink">Title</a>');
    expect(html).toContain('<meter value="2" max="9"></meter>');
  });

  it('publishes the sidebar by the wiki\'s menu tree preferences and page names', async () => {
    const { store, objects } = memoryBlobs();
    const repo = repoOf({ 'home.md': '# Welcome', 'api reference.md': '# API Reference', 'docs/intro.md': 'text', 'logo.png': '' });
    await new Publisher(store, {}).publishSidebar(id, repo, { SIDEBAR_MENUTREE_MODE: 'DIRECTORIES_GROUPED' });
    const sidebar = objects.get('fragments/alice/notes/sidebar.html')!;
    expect([...sidebar.matchAll(/data-key="([^"]+)">([^<]+)</g)].map((m) => `${m[1]}=${m[2]}`))
      .toEqual(['docs=Docs', 'docs/intro=Intro', 'api reference=API Reference', 'home=Home']);
    await new Publisher(store, {}).publishSidebar(id, repo, { SIDEBAR_MENUTREE_MODE: '' });
    expect(objects.get('fragments/alice/notes/sidebar.html')).toBe('');
  });
});

describe('assetManifestFromEnv', () => {
  it('reads STATIC_MANIFEST, and is empty without a valid one', () => {
    expect(assetManifestFromEnv({ STATIC_MANIFEST: '{"wikibot.css":"/static/abc/wikibot.css"}' })).toEqual({ 'wikibot.css': '/static/abc/wikibot.css' });
    expect(assetManifestFromEnv({})).toEqual({});
    expect(assetManifestFromEnv({ STATIC_MANIFEST: 'not json' })).toEqual({});
  });
});

describe('Publisher: pages over the render limits', () => {
  it('publishes a notice naming the limit instead of rendering (a page committed before the limits existed)', async () => {
    const { store, objects } = memoryBlobs();
    const source = { content: encoder.encode('::: info\n'.repeat(3000)), blob: 'b2' };
    const out = await new Publisher(store, {}).publishPage(id, 'heavy.md', source, {});
    const { html, meta } = decodeContentFragment(objects.get(out.key)!);
    expect(html).toMatch(/^<div class="wb-block wb-block-danger" role="alert"><p>This page exceeds the limit of 4 ::: blocks inside one another/);
    expect(html).not.toContain('wb-block-info');
    expect(meta).toMatchObject({ title: 'Heavy', libraries: [], blob: 'b2' });
  });
});
