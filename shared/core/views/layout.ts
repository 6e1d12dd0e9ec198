import { escapeHtml } from '../html';
import { fillSlots } from '../fragments/slots';
import { viewHref } from './format';

/**
 * A dynamic view inside the wiki's shell (the same frame the read path uses, DESIGN §2): the
 * shell's slots filled with the view's parts. Only dynamic views fill `head` and `actions`.
 */
export interface ViewParts {
  /** Plain text; escaped here. */
  readonly title: string;
  /** For `<link rel="canonical">`: the view's own path. */
  readonly canonicalPath: string;
  readonly breadcrumb?: string;
  readonly sidebar?: string;
  readonly content: string;
  readonly toc?: string;
  /** Extra `<head>` HTML: robots meta, the views stylesheet, feed links. */
  readonly head?: string;
  readonly actions?: string;
  /** Script tags at the end of the body (external files only: the CSP allows no inline script). */
  readonly scripts?: string;
}

export function renderView(shell: string, parts: ViewParts): string {
  return fillSlots(shell, {
    title: escapeHtml(parts.title),
    path: escapeHtml(parts.canonicalPath),
    breadcrumb: parts.breadcrumb ?? '',
    sidebar: parts.sidebar ?? '',
    content: parts.content,
    toc: parts.toc ?? '',
    head: parts.head ?? '',
    actions: parts.actions ?? '',
    scripts: parts.scripts ?? '',
  });
}

export interface ActionsOptions {
  readonly basePath: string;
  /** The page the view is about, as its path (`Docs/Intro`), if any. */
  readonly page?: string;
  /** The signed-in user, if any. */
  readonly user?: { readonly sub: string; readonly name: string };
  /** Editor or admin: may edit, create, rename, delete, upload, revert. */
  readonly canEdit: boolean;
  /** Admin: may change the wiki's settings and members. */
  readonly canAdmin?: boolean;
  /** Where sign-in and sign-out come back to (this view's path and query). */
  readonly returnTo: string;
  /** The current view, so its own entry is marked. */
  readonly current?: string;
}

const ICON_EDIT = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 20h4L19 9l-4-4L4 16v4z"/><path d="m14 6 4 4"/></svg>';

/**
 * The header's page actions on dynamic views: an Edit button (editors, on a page), and a user
 * menu (`<details>`, so it opens without JavaScript) with the page's tools, the wiki's tools and
 * sign-out; or a sign-in link for anonymous readers.
 */
export function renderActions(options: ActionsOptions): string {
  const { basePath: base, page } = options;
  const link = (view: string, label: string, onPage = true) => {
    const href = viewHref(base, view, onPage ? page : undefined);
    const current = options.current === view ? ' aria-current="page"' : '';
    return `<li><a href="${escapeHtml(href)}"${current}>${escapeHtml(label)}</a></li>`;
  };
  const parts: string[] = [];
  if (page !== undefined && options.canEdit && options.current !== 'edit') {
    parts.push(`<a class="wb-button wb-button-primary wb-edit" href="${escapeHtml(viewHref(base, 'edit', page))}">${ICON_EDIT}<span>Edit</span></a>`);
  }
  const items: string[] = [];
  if (page !== undefined) {
    items.push(link('history', 'History'), link('blame', 'Blame'), link('source', 'Source'), link('attachments', 'Attachments'));
    if (options.canEdit) items.push(link('rename', 'Rename'), link('delete', 'Delete'));
    items.push('<li role="separator"></li>');
  }
  if (options.canEdit) items.push(link('create', 'Create page', false));
  if (options.canAdmin) items.push(link('settings', 'Settings', false), link('members', 'Members', false));
  items.push(link('changelog', 'Changelog', false), link('index', 'A–Z index', false));
  const returnTo = escapeHtml(options.returnTo);
  if (options.user) {
    const who = escapeHtml(options.user.name || options.user.sub);
    items.push('<li role="separator"></li>',
      `<li class="wb-menu-note">Signed in as <strong>${escapeHtml(options.user.sub)}</strong></li>`,
      `<li><form method="post" action="/auth/logout"><input type="hidden" name="return_to" value="${returnTo}"><button type="submit">Sign out</button></form></li>`);
    parts.push(`<details class="wb-user-menu"><summary class="wb-button" aria-label="Menu for ${who}"><span class="wb-avatar" aria-hidden="true">${escapeHtml(initial(options.user.name || options.user.sub))}</span><span class="wb-user-name">${who}</span></summary><ul>${items.join('')}</ul></details>`);
  } else {
    parts.push(`<details class="wb-user-menu"><summary class="wb-button">Tools</summary><ul>${items.join('')}</ul></details>`,
      `<a class="wb-button" href="/auth/login?return_to=${escapeHtml(encodeURIComponent(options.returnTo))}">Sign in</a>`);
  }
  return `<div class="wb-actions">${parts.join('')}</div>`;
}

function initial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? '?';
}

/** A page's breadcrumb for a view about it: Home › … › Page › View. */
export function viewBreadcrumb(basePath: string, page: string | undefined, pageTitle: string | undefined, view: string): string {
  const crumbs = [`<li><a href="${escapeHtml(basePath)}/">Home</a></li>`];
  if (page !== undefined) {
    const href = `${basePath}/${page.split('/').map(encodeURIComponent).join('/')}`;
    crumbs.push(`<li><a href="${escapeHtml(href)}">${escapeHtml(pageTitle ?? page)}</a></li>`);
  }
  crumbs.push(`<li aria-current="page">${escapeHtml(view)}</li>`);
  return `<nav class="wb-breadcrumb" aria-label="Breadcrumb"><ol>${crumbs.join('')}</ol></nav>\n`;
}

/** A status message box (notes, warnings, errors) inside a view. */
export function notice(kind: 'info' | 'warning' | 'error' | 'success', html: string): string {
  return `<div class="wb-notice wb-notice-${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${html}</div>`;
}

/** The hidden CSRF field every form carries (double submit: it must match the cookie). */
export function csrfField(token: string): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(token)}">`;
}
