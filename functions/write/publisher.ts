import type { BlobStore } from '../../shared/ports/blobStore';
import type { Preferences } from '../../shared/ports/wikiDb';
import type { WikiRepo } from '../../shared/ports/wikiRepo';
import type { WikiId } from '../../shared/core/slugs';
import { keyOfFile } from '../../shared/core/pagePath';
import { titleFromFileName } from '../../shared/core/title';
import { pageHeading } from '../../shared/core/pageHeading';
import { escapeHtml } from '../../shared/core/html';
import { PageTooComplexError } from '../../shared/core/render/renderBudget';
import { parseWikilinkStyle } from '../../shared/core/render/wikilink';
import type { AssetManifest } from '../../shared/core/fragments/assets';
import { pageLabel } from '../../shared/core/fragments/pageLabel';
import type { ShellOptions } from '../../shared/core/fragments/shell';
import type { SidebarPage } from '../../shared/core/fragments/sidebar';
import { encodeContentFragment } from '../../shared/core/fragments/contentEnvelope';
import {
  FRAGMENT_CACHE_CONTROL, FRAGMENT_CONTENT_TYPE, pageFragmentKey, shellKey,
} from '../../shared/core/fragments/keys';
import { sidebarPreferences, titleOptions } from './renderPreferences';
import type { SidebarPublishOptions } from './sidebarPublishing';
import { once } from '../../shared/core/once';

// Chunks of their own in the function bundles, loaded by the first page that needs them.
const loadRendererModule = once(() => import('../../shared/core/render/renderPage'));
const loadShell = once(() => import('../../shared/core/fragments/shell'));
const loadSidebarPublishing = once(() => import('./sidebarPublishing'));

const putOptions = { contentType: FRAGMENT_CONTENT_TYPE, cacheControl: FRAGMENT_CACHE_CONTROL };
const decoder = new TextDecoder();

export const basePathOf = ({ user, wiki }: WikiId) => `/${user}/${wiki}`;

/** Renders a wiki's fragments and puts them into the bucket (DESIGN §6). */
export class Publisher {
  /**
   * @param assets URLs of the built static assets for the shell: the deployment's
   *   `STATIC_MANIFEST`, parsed by the function's config (see assetManifest.ts).
   */
  constructor(
    private readonly blobs: BlobStore,
    private readonly assets: AssetManifest = {},
    /**
     * The renderer (micromark and its extensions; highlight.js and KaTeX behind it), loaded with
     * the first page: a chunk of its own in the function bundles. A caller that cannot `import()`
     * TypeScript (tools/publishWorker.ts, a worker thread under tsx's CommonJS hook) passes it in.
     */
    private readonly loadRenderer: () => Promise<RendererModule> = loadRendererModule,
  ) {}

  /**
   * What a wiki's shell is rendered from. The dynamic views (functions/write/views) render their
   * frame from the same options, so they look exactly like the published read path.
   */
  shellOptions(id: WikiId, prefs: Preferences, fallbackName: string): ShellOptions {
    return {
      basePath: basePathOf(id),
      siteName: prefs.SITE_NAME || fallbackName,
      description: prefs.SITE_DESCRIPTION,
      logo: prefs.SITE_LOGO,
      assets: this.assets,
    };
  }

  /** URLs of the built static assets (the dynamic views load the editor's from here). */
  get assetManifest(): AssetManifest {
    return this.assets;
  }

  async publishShell(id: WikiId, prefs: Preferences, fallbackName: string): Promise<string> {
    const key = shellKey(id);
    // Shell and sidebar rendering load when first needed (settings changes, new pages), not with the function.
    const { renderShellFragment } = await loadShell();
    const html = renderShellFragment(this.shellOptions(id, prefs, fallbackName));
    await this.blobs.put(key, html, putOptions);
    return key;
  }

  /**
   * The sidebar fragment and, when the wiki shows a page tree, the tree as its own
   * content-addressed object (functions/write/sidebarPublishing.ts); returns the fragment's key.
   */
  async publishSidebar(id: WikiId, repo: WikiRepo, prefs: Preferences, publish: SidebarPublishOptions = {}): Promise<string> {
    const options = sidebarPreferences(prefs);
    const pages: SidebarPage[] = [];
    // Only an actual tree reads the pages' headings.
    const files = options.mode ? await repo.listFiles() : [];
    for (const file of files) {
      if (keyOfFile(file) === undefined) continue;
      const path = file.slice(0, -3);
      const source = await repo.readFile(file);
      const heading = source ? pageHeading(decoder.decode(source.content.subarray(0, 512))) : undefined;
      pages.push({ path, title: pageLabel(path.split('/').pop() ?? path, heading, options.titles) });
    }
    const { publishSidebarFragments } = await loadSidebarPublishing();
    return publishSidebarFragments(this.blobs, id, pages, { basePath: basePathOf(id), ...options }, publish);
  }

  /** Renders one page and puts its fragment; returns its fragment key and the title it shows. */
  async publishPage(
    id: WikiId,
    file: string,
    source: { content: Uint8Array; blob: string },
    prefs: Preferences,
  ): Promise<{ key: string; title: string }> {
    return this.putPage(await this.renderPage(id, file, source, prefs));
  }

  /** Renders one page's content fragment without putting it (a save renders while it commits). */
  async renderPage(id: WikiId, file: string, source: { content: Uint8Array; blob: string }, prefs: Preferences): Promise<RenderedPage> {
    const renderer = await this.loadRenderer();
    const rendered = renderWithinBudget(renderer, decoder.decode(source.content), {
      basePath: basePathOf(id),
      wikilinkStyle: parseWikilinkStyle(prefs.WIKILINK_STYLE),
      htmlAllowlist: prefs.RENDERER_HTML_ALLOWLIST,
    });
    const title = rendered.title ?? titleFromFileName(file, titleOptions(prefs));
    const key = pageFragmentKey(id, keyOfFile(file) ?? file);
    const body = encodeContentFragment(
      { title, toc: rendered.toc, libraries: rendered.libraries, blob: source.blob },
      rendered.html,
    );
    return { key, title, body };
  }

  async putPage(page: RenderedPage): Promise<{ key: string; title: string }> {
    await this.blobs.put(page.key, page.body, putOptions);
    return { key: page.key, title: page.title };
  }
}

export type RendererModule = Pick<typeof import('../../shared/core/render/renderPage'), 'renderPage'>;

/** A page's content fragment, rendered and ready to put. */
export interface RenderedPage {
  readonly key: string;
  readonly title: string;
  readonly body: string;
}

type Rendered = ReturnType<RendererModule['renderPage']>;

/**
 * A page committed before the render limits existed (or imported) may exceed them: it is
 * published as a notice naming the limit, so a publish, backfill or republish never hangs on it.
 */
function renderWithinBudget(renderer: RendererModule, markdown: string, options: Parameters<RendererModule['renderPage']>[1]): Rendered {
  try {
    return renderer.renderPage(markdown, options);
  } catch (error) {
    if (!(error instanceof PageTooComplexError)) throw error;
    const notice = `<div class="wb-block wb-block-danger" role="alert"><p>${escapeHtml(error.message.replace(/ Split .*$/, ''))} ` +
      'It is not shown; edit its source to bring it within the limits.</p></div>';
    return { html: notice, title: undefined, toc: [], libraries: [] };
  }
}
