import { assetManifestFromEnv } from '../../../functions/write/assetManifest';
import { Publisher } from '../../../functions/write/publisher';
import { decodeContentFragment } from '../../../shared/core/fragments/contentEnvelope';
import { decodeShellFragment } from '../../../shared/core/fragments/shellEnvelope';
import { planTreeRetention, SIDEBAR_TREE_GRACE_MS, treeHash } from '../../../functions/write/sidebarPublishing';
import { decodeSidebarFragment } from '../../../shared/core/fragments/sidebarEnvelope';
import { memoryBlobs, repoOf } from '../../helpers/memoryBlobs';

const encoder = new TextEncoder();
const id = { user: 'alice', wiki: 'notes' };

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
    const { meta, html } = decodeSidebarFragment(objects.get('fragments/alice/notes/sidebar.html')!);
    expect(meta.tree).toMatch(/^[0-9a-f]{20}$/);
    expect(html).toContain(`data-tree="/alice/notes/-/sidebar/${meta.tree}"`);
    const tree = objects.get(`fragments/alice/notes/sidebars/${meta.tree}.html`)!;
    expect(treeHash(tree)).toBe(meta.tree);
    expect([...tree.matchAll(/data-key="([^"]+)">([^<]+)</g)].map((m) => `${m[1]}=${m[2]}`))
      .toEqual(['docs=Docs', 'docs/intro=Intro', 'api reference=API Reference', 'home=Home']);
    await new Publisher(store, {}).publishSidebar(id, repo, { SIDEBAR_MENUTREE_MODE: '' });
    const hidden = decodeSidebarFragment(objects.get('fragments/alice/notes/sidebar.html')!);
    expect(hidden.html).toBe('');
    expect(hidden.meta.tree).toBeUndefined();
  });

  it('republishes an unchanged page set to the same tree, and keeps superseded trees for the grace period', async () => {
    const { store, objects } = memoryBlobs();
    const publisher = new Publisher(store, {});
    const trees = () => [...objects.keys()].filter((k) => k.includes('/sidebars/')).sort();
    const t0 = 1_000_000;
    await publisher.publishSidebar(id, repoOf({ 'a.md': '' }), {}, { now: t0 });
    await publisher.publishSidebar(id, repoOf({ 'a.md': '' }), {}, { now: t0 + 1 });
    const first = decodeSidebarFragment(objects.get('fragments/alice/notes/sidebar.html')!).meta.tree!;
    expect(trees()).toEqual([`fragments/alice/notes/sidebars/${first}.html`]);

    await publisher.publishSidebar(id, repoOf({ 'a.md': '', 'b.md': '' }), {}, { now: t0 + 10 });
    const second = decodeSidebarFragment(objects.get('fragments/alice/notes/sidebar.html')!).meta;
    expect(second.superseded).toEqual([{ hash: first, since: t0 + 10 }]);
    expect(trees()).toHaveLength(2);

    // A page cached before the change may still ask for the first tree within the grace period…
    await publisher.publishSidebar(id, repoOf({ 'a.md': '', 'b.md': '', 'c.md': '' }), {}, { now: t0 + 9 + SIDEBAR_TREE_GRACE_MS });
    expect(trees()).toHaveLength(3);
    // …after it, the next publish deletes it.
    await publisher.publishSidebar(id, repoOf({ 'a.md': '', 'b.md': '', 'c.md': '' }), {}, { now: t0 + 10 + SIDEBAR_TREE_GRACE_MS });
    expect(trees()).not.toContain(`fragments/alice/notes/sidebars/${first}.html`);
    expect(trees()).toContain(`fragments/alice/notes/sidebars/${second.tree}.html`);
  });

  it('takes up trees the fragment does not know when sweeping (reconcile), so they expire too', async () => {
    const { store, objects } = memoryBlobs();
    const publisher = new Publisher(store, {});
    const orphan = 'fragments/alice/notes/sidebars/ffffffffffffffffffff.html';
    objects.set(orphan, '<ul class="wb-tree"></ul>');
    await publisher.publishSidebar(id, repoOf({ 'a.md': '' }), {}, { now: 0 });
    expect(decodeSidebarFragment(objects.get('fragments/alice/notes/sidebar.html')!).meta.superseded).toBeUndefined();
    await publisher.publishSidebar(id, repoOf({ 'a.md': '' }), {}, { now: 1, sweep: true });
    expect(decodeSidebarFragment(objects.get('fragments/alice/notes/sidebar.html')!).meta.superseded).toEqual([{ hash: 'f'.repeat(20), since: 1 }]);
    await publisher.publishSidebar(id, repoOf({ 'a.md': '' }), {}, { now: 2 + SIDEBAR_TREE_GRACE_MS });
    expect(objects.has(orphan)).toBe(false);
  });
});

describe('planTreeRetention', () => {
  const h = (c: string) => c.repeat(20);
  it('supersedes the old tree now, keeps the current one, ignores malformed names', () => {
    expect(planTreeRetention({ tree: h('a') }, h('b'), [h('a'), h('b'), '../x', 'A'.repeat(20)], 100, 50)).toEqual({
      keep: [{ hash: h('a'), since: 100 }], expired: [],
    });
  });

  it('expires trees superseded at least the grace period ago; a tree that is current again stays', () => {
    const old = { tree: h('c'), superseded: [{ hash: h('a'), since: 10 }, { hash: h('b'), since: 60 }] };
    expect(planTreeRetention(old, h('a'), [], 100, 50)).toEqual({
      keep: [{ hash: h('b'), since: 60 }, { hash: h('c'), since: 100 }], expired: [],
    });
    expect(planTreeRetention(old, h('d'), [], 100, 50)).toEqual({
      keep: [{ hash: h('b'), since: 60 }, { hash: h('c'), since: 100 }], expired: [{ hash: h('a'), since: 10 }],
    });
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
