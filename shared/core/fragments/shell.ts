import { escapeHtml } from '../html';
import { isHarmfulUrl } from '../render/safeUrl';
import { ASSET, type AssetManifest } from './assets';
import { encodeShellFragment, type LibraryTags } from './shellEnvelope';
import { ACTIONS_SCRIPT } from './actionsScript';
import { PAGE_SCRIPT, THEME_SCRIPT } from './shellScripts';
import { siteSuffix, SLOTS } from './slots';

export interface ShellOptions {
  readonly basePath: string;
  readonly siteName: string;
  readonly description?: string;
  /** SITE_LOGO: an image URL; root-relative ones live in the wiki, like its links. */
  readonly logo?: string;
  /** URLs of the built static assets (stylesheet, favicon, client libraries). */
  readonly assets?: AssetManifest;
}

const ICON_MENU = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 6h16M4 12h16M4 18h16"/></svg>';
const ICON_THEME = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z"/></svg>';
const ICON_SEARCH = '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/></svg>';

/** The HTML that loads each client library, for the pages that need it (by content envelope). */
export function libraryTags(assets: AssetManifest = {}): LibraryTags {
  const script = (url: string | undefined) => (url ? `<script src="${escapeHtml(url)}" defer></script>` : '');
  return {
    mermaid: script(assets[ASSET.mermaid]) + script(assets[ASSET.mermaidInit]),
    mathjax: script(assets[ASSET.mathjaxConfig]) + script(assets[ASSET.mathjax]),
  };
}

function logoUrl(logo: string | undefined, basePath: string): string | undefined {
  const url = logo?.trim();
  if (!url || isHarmfulUrl(url)) return undefined;
  return url.startsWith('/') && !url.startsWith('//') ? `${basePath}${url}` : url;
}

/**
 * The page frame of a wiki, the same for all its pages: head (title, description, canonical,
 * Open Graph, stylesheet, theme before first paint), header with search, sidebar, content and
 * "On this page" columns. No edit controls in the HTML: the `head` and `actions` slots are filled
 * only by the write function's dynamic views (Edit button, user menu); on cached pages the actions
 * script draws them for the reader's role. The assembler fills the other slots per request.
 */
export function renderShell(options: ShellOptions): string {
  const site = escapeHtml(options.siteName);
  const base = escapeHtml(options.basePath);
  const description = escapeHtml(options.description || options.siteName);
  const assets = options.assets ?? {};
  const cssUrl = assets[ASSET.css];
  const iconUrl = assets[ASSET.favicon];
  const css = cssUrl ? `<link rel="stylesheet" href="${escapeHtml(cssUrl)}">\n` : '';
  const icon = iconUrl ? `<link rel="icon" href="${escapeHtml(iconUrl)}" type="image/svg+xml">\n` : '';
  const logo = logoUrl(options.logo, options.basePath) ?? iconUrl;
  const logoImg = logo ? `<img class="wb-logo" src="${escapeHtml(logo)}" alt="">` : '<span class="wb-logo wb-logo-default" aria-hidden="true"></span>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${SLOTS.title}${siteSuffix(site)}</title>
<meta name="description" content="${description}">
<link rel="canonical" href="${SLOTS.path}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${site}">
<meta property="og:title" content="${SLOTS.title}">
<meta property="og:description" content="${description}">
<meta name="color-scheme" content="light dark">
<script>${THEME_SCRIPT}</script>
${css}${icon}${SLOTS.head}</head>
<body class="wb-body">
<a class="wb-skip" href="#wb-main">Skip to content</a>
<header class="wb-header">
<button class="wb-menu wb-icon-button" type="button" aria-controls="wb-sidebar" aria-expanded="false" aria-label="Show pages">${ICON_MENU}</button>
<a class="wb-site" href="${base}/">${logoImg}<span class="wb-site-name">${site}</span></a>
<form class="wb-search" role="search" action="${base}/-/search" method="get">${ICON_SEARCH}<input type="search" name="q" placeholder="Search" aria-label="Search ${site}"></form>
<nav class="wb-links" aria-label="Wiki"><a href="${base}/">Home</a><a href="${base}/-/index" title="All pages A–Z">A–Z</a></nav>
${SLOTS.actions}<button class="wb-theme wb-icon-button" type="button" aria-label="Switch between light and dark mode">${ICON_THEME}</button>
</header>
<div class="wb-layout">
<aside class="wb-aside" id="wb-sidebar"><nav class="wb-drawer-links" aria-label="Wiki"><a href="${base}/">Home</a><a href="${base}/-/index">A–Z</a></nav>${SLOTS.sidebar}</aside>
<div class="wb-scrim" aria-hidden="true"></div>
<main class="wb-main" id="wb-main">
${SLOTS.breadcrumb}<article class="wb-content">${SLOTS.content}</article>
</main>
<aside class="wb-toc">${SLOTS.toc}</aside>
</div>
<footer class="wb-footer"><p>${site} · <a href="${base}/-/index">All pages</a></p></footer>
<script>${PAGE_SCRIPT}</script>
<script>${ACTIONS_SCRIPT}</script>
${SLOTS.scripts}
</body>
</html>
`;
}

/** The shell as stored: the page frame plus, in its first line, the tags of each client library. */
export function renderShellFragment(options: ShellOptions): string {
  return encodeShellFragment(libraryTags(options.assets), renderShell(options));
}
