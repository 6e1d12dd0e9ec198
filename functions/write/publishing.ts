import { attachmentObjectKey, ATTACHMENT_CACHE_CONTROL, contentTypeOf, dispositionOf } from '../../shared/core/attachments';
import { pageFragmentKey } from '../../shared/core/fragments/keys';
import { keyOfFile } from '../../shared/core/pagePath';
import type { WikiId } from '../../shared/core/slugs';
import type { Preferences } from '../../shared/ports/wikiDb';
import type { WikiRepo } from '../../shared/ports/wikiRepo';
import type { WriteDeps } from './context';
import type { RenderedPage } from './publisher';

/**
 * What a write did to the bucket. Publishing is best effort (DESIGN §6): git already holds the
 * change, so a failure is logged and listed in `unpublished` for a reconcile pass, never thrown.
 */
export interface PublishReport {
  readonly published: string[];
  readonly removed: string[];
  readonly unpublished: string[];
}

export class Publishing {
  readonly report: PublishReport = { published: [], removed: [], unpublished: [] };

  constructor(
    private readonly deps: WriteDeps,
    private readonly id: WikiId,
  ) {}

  async attempt(what: string, work: () => Promise<string | void>): Promise<void> {
    try {
      const key = await work();
      if (key) this.report.published.push(key);
    } catch (error) {
      this.deps.log({ level: 'WARN', message: `Could not publish ${what}`, error: String(error) });
      this.report.unpublished.push(what);
    }
  }

  shell(prefs: Preferences, fallbackName: string) {
    return this.attempt('shell', () => this.deps.publisher.publishShell(this.id, prefs, fallbackName));
  }

  sidebar(repo: WikiRepo, prefs: Preferences) {
    return this.attempt('sidebar', () => this.deps.publisher.publishSidebar(this.id, repo, prefs));
  }

  /** Renders and publishes a markdown file as it is at `revision`; returns its title when it worked. */
  async page(repo: WikiRepo, file: string, prefs: Preferences, revision?: string): Promise<string | undefined> {
    let title: string | undefined;
    await this.attempt(`page ${keyOfFile(file) ?? file}`, async () => {
      const source = await repo.readFile(file, revision);
      if (!source) return undefined;
      const out = await this.deps.publisher.publishPage(this.id, file, source, prefs);
      title = out.title;
      return out.key;
    });
    return title;
  }

  /** Puts a page the caller rendered already (a save renders while it commits); returns its title when it worked. */
  async rendered(file: string, rendering: Promise<RenderedPage>): Promise<string | undefined> {
    let title: string | undefined;
    await this.attempt(`page ${keyOfFile(file) ?? file}`, async () => {
      const out = await this.deps.publisher.putPage(await rendering);
      title = out.title;
      return out.key;
    });
    return title;
  }

  async pages(repo: WikiRepo, files: readonly string[], prefs: Preferences, revision?: string): Promise<void> {
    for (const file of files) if (file.toLowerCase().endsWith('.md')) await this.page(repo, file, prefs, revision);
  }

  async attachment(file: string, content: Uint8Array): Promise<void> {
    const { pageKey, name } = splitAttachment(file);
    const contentType = contentTypeOf(name);
    await this.attempt(`attachment ${file}`, async () => {
      const key = attachmentObjectKey(this.id, pageKey, name);
      await this.deps.blobs.put(key, content, {
        contentType, cacheControl: ATTACHMENT_CACHE_CONTROL, contentDisposition: dispositionOf(name, contentType),
      });
      return key;
    });
  }

  /** Removes what the bucket holds for files that left the repository: fragments and attachments. */
  async removeFiles(files: readonly string[]): Promise<void> {
    for (const file of files) {
      const pageKey = keyOfFile(file);
      const key = pageKey !== undefined
        ? pageFragmentKey(this.id, pageKey)
        : attachmentObjectKey(this.id, splitAttachment(file).pageKey, splitAttachment(file).name);
      await this.remove(key);
    }
  }

  async remove(key: string): Promise<void> {
    try {
      await this.deps.blobs.delete(key);
      this.report.removed.push(key);
    } catch (error) {
      this.deps.log({ level: 'WARN', message: `Could not remove ${key}`, error: String(error) });
      this.report.unpublished.push(`remove ${key}`);
    }
  }
}

/** `docs/intro/diagram.png` → page key `docs/intro`, name `diagram.png`. */
export function splitAttachment(file: string): { pageKey: string; name: string } {
  const slash = file.lastIndexOf('/');
  return { pageKey: file.slice(0, slash).toLowerCase(), name: file.slice(slash + 1) };
}
