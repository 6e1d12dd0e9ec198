import { ASSET, type AssetManifest } from '../fragments/assets';
import { THEME_SCRIPT } from '../fragments/shellScripts';
import { escapeHtml } from '../html';

export interface StandalonePageOptions {
  readonly title: string;
  /** HTML of the page's body, inside a centred card under the title. */
  readonly body: string;
  readonly assets?: AssetManifest;
  readonly noindex?: boolean;
}

/**
 * A page outside any wiki (sign-in, errors before a wiki is known) in the site's own style: the
 * stylesheets, the icon (so browsers do not ask for /favicon.ico) and the theme before first
 * paint, the same inline script as the shell's, so the pages' CSP allows it by the same hash.
 */
export function renderStandalonePage(options: StandalonePageOptions): string {
  const assets = options.assets ?? {};
  const link = (rel: string, url: string | undefined, type = '') => (url ? `<link rel="${rel}" href="${escapeHtml(url)}"${type}>` : '');
  return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    (options.noindex ? '<meta name="robots" content="noindex">' : '') +
    `<meta name="color-scheme" content="light dark"><title>${escapeHtml(options.title)} · wikibot</title>` +
    `<script>${THEME_SCRIPT}</script>` +
    link('stylesheet', assets[ASSET.css]) + link('stylesheet', assets[ASSET.viewsCss]) +
    link('icon', assets[ASSET.favicon], ' type="image/svg+xml"') +
    `</head><body class="wb-body wb-standalone"><main class="wb-standalone-card"><h1>${escapeHtml(options.title)}</h1>\n${options.body}</main></body></html>`;
}
