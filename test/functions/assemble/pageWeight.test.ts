import { createAssembleHandler } from '../../../functions/assemble/assemble';
import { Publisher } from '../../../functions/write/publisher';
import { decodeSidebarFragment } from '../../../shared/core/fragments/sidebarEnvelope';
import { event } from '../../helpers/events';
import { memoryBlobs, repoOf } from '../../helpers/memoryBlobs';

/**
 * Issue 14, page weight: a page of a 10,000-page wiki weighs no more than 1.5× the same page in
 * a 100-page wiki. The wiki (a home page, a 2 KB page, and pages in folders of 50) is published
 * by the real publisher and read through the real assembler, over blob stores held in memory.
 */
const GUIDE = `# Guide\n\n## Setup\n\n${'Some prose with *emphasis* and a [[Home]] link. '.repeat(20)}\n\n## Use\n\n${'More prose. '.repeat(40)}\n`;

async function publishedWiki(pages: number) {
  const id = { user: 'alice', wiki: pages < 1000 ? 'small' : 'large' }; // same length: same frame bytes
  const files: Record<string, string> = { 'home.md': '# Home\n\nWelcome.', 'docs/guide.md': GUIDE };
  for (let i = 0; i < pages - 2; i++) files[`folder ${Math.floor(i / 50)}/page ${i}.md`] = `# Page ${i}\n\nText.`;
  const { store, objects } = memoryBlobs();
  const publisher = new Publisher(store, { 'wikibot.css': '/static/0123456789ab/wikibot.css' });
  const repo = repoOf(files);
  await publisher.publishShell(id, {}, 'Wiki');
  await publisher.publishSidebar(id, repo, {});
  await publisher.publishPage(id, 'docs/guide.md', (await repo.readFile('docs/guide.md'))!, {});
  const assemble = createAssembleHandler({ blobs: store, log: () => undefined });
  const get = async (path: string) => {
    const response = await assemble(event('GET', path));
    expect([path, response.statusCode]).toEqual([path, 200]);
    return response.body as string;
  };
  const page = await get(`/alice/${id.wiki}/Docs/Guide`);
  const src = /data-tree="([^"]+)"/.exec(page)?.[1];
  const tree = await get(src!);
  const stored = decodeSidebarFragment(objects.get(`fragments/alice/${id.wiki}/sidebar.html`)!);
  return { page, tree, stub: stored.html, bytes: Buffer.byteLength(page) };
}

const entries = (html: string) => html.match(/data-key="/g)?.length ?? 0;

describe('page weight (issue 14)', () => {
  let small: Awaited<ReturnType<typeof publishedWiki>>;
  let large: Awaited<ReturnType<typeof publishedWiki>>;
  beforeAll(async () => {
    small = await publishedWiki(100);
    large = await publishedWiki(10_000);
  }, 60_000);

  it('weighs at most 1.5× at 10,000 pages what it weighs at 100', () => {
    expect(large.bytes).toBeLessThanOrEqual(1.5 * small.bytes);
    // And in absolute terms: the page is its content plus a frame, not the wiki.
    expect(large.bytes).toBeLessThan(20 * 1024);
  });

  it('carries only the page\'s branch, not the tree; the tree resource carries every page and folder', () => {
    // Branch: the folder `docs` and the page itself.
    expect(entries(large.page)).toBe(2);
    expect(large.page).toContain('data-key="docs/guide" aria-current="page"');
    expect(large.page).not.toContain('data-key="folder 0"');
    expect(large.page).not.toContain('data-key="folder 3/page 150"');
    // 9,998 pages, 200 folders, home and docs with its guide.
    expect(entries(large.tree)).toBe(9_998 + 200 + 3);
    expect(large.tree).toContain('data-key="folder 199/page 9997"');
    expect(entries(small.tree)).toBe(98 + 2 + 3);
  });

  it('keeps the stored sidebar fragment the same size whatever the wiki\'s size', () => {
    expect(large.stub.length).toBe(small.stub.length);
    expect(large.stub.length).toBeLessThan(1024);
  });
});
