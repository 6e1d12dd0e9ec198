import type { SessionKey } from '../../../shared/auth/sessionToken';
import { atLeast, type Permission } from '../../../shared/core/access';
import { ASSET } from '../../../shared/core/fragments/assets';
import { sidebarKey } from '../../../shared/core/fragments/keys';
import { renderShell } from '../../../shared/core/fragments/shell';
import { sidebarForPage } from '../../../shared/core/fragments/sidebarEnvelope';
import { escapeHtml } from '../../../shared/core/html';
import { parsePageName, type PagePath } from '../../../shared/core/pagePath';
import { parseWikiId, type WikiId } from '../../../shared/core/slugs';
import { renderActions, renderView, viewBreadcrumb } from '../../../shared/core/views/layout';
import type { HttpRequest } from '../../../shared/http/request';
import type { HttpResponse } from '../../../shared/http/response';
import type { Preferences } from '../../../shared/ports/wikiDb';
import type { CommandContext } from '../context';
import { issueCsrf, type IssuedCsrf } from '../editor/csrf';
import { namingOf } from '../naming';
import { basePathOf } from '../publisher';
import { openWiki, type WikiScope } from '../wikiAccess';
import { htmlResponse, requestTarget } from './respond';

/** What every view gets: the command context, the request, the route's parameters and the session keys (CSRF). */
export interface ViewRequest {
  readonly ctx: CommandContext;
  readonly request: HttpRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly sessionKeys: readonly SessionKey[];
  /** Set by openFrame, so an error page can still be drawn inside the wiki's frame. */
  frame?: Frame;
}

export type ViewHandler = (view: ViewRequest) => Promise<HttpResponse>;

export interface PageParts {
  readonly title: string;
  readonly content: string;
  /** The label of the view in the breadcrumb ("History", "Edit"…). */
  readonly label: string;
  /** The view's name, marked in the user menu. */
  readonly current?: string;
  /** The page the view is about (its name), for the breadcrumb, the Edit button and the menu. */
  readonly page?: string;
  readonly pageTitle?: string;
  /** `<meta name="robots" content="noindex">` and `X-Robots-Tag` (pages at old revisions). */
  readonly noindex?: boolean;
  /** Extra head HTML (feed links). */
  readonly head?: string;
  readonly toc?: string;
  /** Load the editor script (CodeMirror) besides the views script. */
  readonly editor?: boolean;
  /** Client libraries the content needs (e.g. `mermaid` for a page at a revision). */
  readonly libraries?: readonly string[];
  /** Let the content use the whole width (diffs, blame). */
  readonly wide?: boolean;
}

/** A wiki opened for a view: access checked, preferences read, and the means to draw pages. */
export class Frame {
  private csrfIssued?: IssuedCsrf;

  constructor(
    readonly view: ViewRequest,
    readonly id: WikiId,
    readonly scope: WikiScope,
    readonly prefs: Preferences,
    private readonly sidebar: Promise<string | undefined>,
  ) {}

  get base(): string {
    return basePathOf(this.id);
  }

  get ctx(): CommandContext {
    return this.view.ctx;
  }

  /** Editors and admins may edit. */
  get canEdit(): boolean {
    return atLeast(this.scope.role, 'editor');
  }

  /** The page named by the route's `{page+}`, by the wiki's naming rules (400 when unusable). */
  page(): PagePath {
    return parsePageName(this.view.params.page ?? '', namingOf(this.prefs));
  }

  /** The CSRF token for this session's forms (the cookie is set with the response). */
  csrf(): string {
    this.csrfIssued ??= issueCsrf(this.view.request, this.view.sessionKeys);
    if (!this.csrfIssued) throw new Error('A form needs a signed-in session.');
    return this.csrfIssued.token;
  }

  /** The whole page: the wiki's shell (rendered as the publisher renders it) with the view inside. */
  async render(parts: PageParts): Promise<string> {
    const publisher = this.ctx.deps.publisher;
    const assets = publisher.assetManifest;
    const shell = renderShell(publisher.shellOptions(this.id, this.prefs, this.scope.record.title));
    const sidebar = await this.sidebar.catch(() => undefined);
    const css = assets[ASSET.viewsCss];
    const head = [
      parts.noindex ? '<meta name="robots" content="noindex, nofollow">' : '',
      css ? `<link rel="stylesheet" href="${escapeHtml(css)}">` : '',
      parts.head ?? '',
    ].filter(Boolean).join('\n');
    const script = (url: string | undefined) => (url ? `<script src="${escapeHtml(url)}" defer></script>` : '');
    const libraries = (parts.libraries ?? []).map((name) => {
      if (name === 'mermaid') return script(assets[ASSET.mermaid]) + script(assets[ASSET.mermaidInit]);
      if (name === 'mathjax') return script(assets[ASSET.mathjaxConfig]) + script(assets[ASSET.mathjax]);
      return '';
    }).join('');
    const identity = this.scope.identity;
    const content = parts.wide ? `<div class="wb-view wb-view-wide">${parts.content}</div>` : `<div class="wb-view">${parts.content}</div>`;
    return renderView(shell, {
      title: parts.title,
      canonicalPath: this.view.request.rawPath,
      breadcrumb: viewBreadcrumb(this.base, parts.page, parts.pageTitle, parts.label),
      // Views mark no page in the tree; the shell's script fetches the tree the fragment points to.
      sidebar: sidebarForPage(sidebar, this.base),
      content: `<h1 class="wb-view-title">${escapeHtml(parts.title)}</h1>\n${content}`,
      toc: parts.toc,
      head,
      actions: renderActions({
        basePath: this.base,
        page: parts.page,
        user: identity ? { sub: identity.sub, name: identity.name } : undefined,
        canEdit: this.canEdit,
        canAdmin: atLeast(this.scope.role, 'admin'),
        returnTo: requestTarget(this.view.request.rawPath, this.view.request.query),
        current: parts.current,
      }),
      scripts: script(assets[ASSET.viewsJs]) + (parts.editor ? script(assets[ASSET.editorJs]) : '') + libraries,
    });
  }

  /** An HTML response with the view; sets the CSRF cookie when a form on it needed one. */
  async respond(status: number, parts: PageParts, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const body = await this.render(parts);
    return htmlResponse(status, body, { ...this.headers(), ...(parts.noindex ? { 'x-robots-tag': 'noindex, nofollow' } : {}), ...headers });
  }

  /** Headers every response of this frame carries (the CSRF cookie, once issued). */
  headers(): Record<string, string> {
    return this.csrfIssued?.setCookie ? { 'set-cookie': this.csrfIssued.setCookie } : {};
  }
}

/**
 * Opens the wiki of a `/{user}/{wiki}/-/…` request for a view: the caller must have `permission`
 * (openWiki: 404 unknown wiki, 401 sign in, 403 role too weak), the same roles as the JSON API.
 */
export async function openFrame(view: ViewRequest, permission: Permission): Promise<Frame> {
  const id = parseWikiId(view.params.user, view.params.wiki);
  const scope = await openWiki(view.ctx, id, permission);
  // The sidebar fragment is fetched while the view does its own work.
  const sidebar = view.ctx.deps.blobs.getText(sidebarKey(id));
  sidebar.catch(() => undefined);
  const prefs = await view.ctx.deps.dbs.open(id).preferences();
  const frame = new Frame(view, id, scope, prefs, sidebar);
  view.frame = frame;
  return frame;
}
