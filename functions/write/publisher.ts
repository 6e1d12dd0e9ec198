import type { BlobStore } from '../../shared/ports/blobStore';
import type { Preferences } from '../../shared/ports/wikiDb';
import type { WikiRepo } from '../../shared/ports/wikiRepo';
import type { WikiId } from '../../shared/core/slugs';
import { keyOfFile } from '../../shared/core/pagePath';
import { titleFromFileName } from '../../shared/core/title';
import { renderPage } from '../../shared/core/render/renderPage';
import { renderShell } from '../../shared/core/fragments/shell';
import { renderSidebar, type SidebarPage } from '../../shared/core/fragments/sidebar';
import { encodeContentFragment } from '../../shared/core/fragments/contentEnvelope';
import {
  FRAGMENT_CACHE_CONTROL, FRAGMENT_CONTENT_TYPE, pageFragmentKey, shellKey, sidebarKey,
} from '../../shared/core/fragments/keys';

const putOptions = { contentType: FRAGMENT_CONTENT_TYPE, cacheControl: FRAGMENT_CACHE_CONTROL };
const decoder = new TextDecoder();

export const basePathOf = ({ user, wiki }: WikiId) => `/${user}/${wiki}`;

function titleOptions(prefs: Preferences) {
  return {
    underscoreAsSpace: prefs.TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES === 'True',
    retainCase: prefs.RETAIN_PAGE_NAME_CASE === 'True',
  };
}

/** Renders a wiki's fragments and puts them into the bucket (DESIGN §6). */
export class Publisher {
  constructor(private readonly blobs: BlobStore) {}

  async publishShell(id: WikiId, prefs: Preferences, fallbackName: string): Promise<string> {
    const key = shellKey(id);
    const html = renderShell({
      basePath: basePathOf(id),
      siteName: prefs.SITE_NAME || fallbackName,
      description: prefs.SITE_DESCRIPTION,
    });
    await this.blobs.put(key, html, putOptions);
    return key;
  }

  async publishSidebar(id: WikiId, repo: WikiRepo, prefs: Preferences): Promise<string> {
    const pages: SidebarPage[] = [];
    for (const file of await repo.listFiles()) {
      const key = keyOfFile(file);
      if (key) pages.push({ key, title: titleFromFileName(file, titleOptions(prefs)) });
    }
    const key = sidebarKey(id);
    await this.blobs.put(key, renderSidebar(pages, basePathOf(id)), putOptions);
    return key;
  }

  /** Renders one page; returns its fragment key and the title it shows. */
  async publishPage(
    id: WikiId,
    file: string,
    source: { content: Uint8Array; blob: string },
    prefs: Preferences,
  ): Promise<{ key: string; title: string }> {
    const rendered = renderPage(decoder.decode(source.content), {
      basePath: basePathOf(id),
      wikilinkStyle: prefs.WIKILINK_STYLE === 'LINKTITLE' ? 'LINKTITLE' : 'TITLELINK',
    });
    const title = rendered.title ?? titleFromFileName(file, titleOptions(prefs));
    const key = pageFragmentKey(id, keyOfFile(file) ?? file);
    const body = encodeContentFragment(
      { title, toc: rendered.toc, libraries: rendered.libraries, blob: source.blob },
      rendered.html,
    );
    await this.blobs.put(key, body, putOptions);
    return { key, title };
  }
}
