import { escapeHtml } from '../html';
import { SLOTS } from './slots';
import { SHELL_CSS } from './shellCss';

export interface ShellOptions {
  readonly basePath: string;
  readonly siteName: string;
  readonly description?: string;
}

// Marks the sidebar entry of the page being read; the sidebar itself is the same for all pages.
const MARK_CURRENT = `(function(){var p=decodeURIComponent(location.pathname).toLowerCase().replace(/\\/$/,'');
document.querySelectorAll('.wb-sidebar a[data-key]').forEach(function(a){
if(decodeURIComponent(new URL(a.href).pathname).toLowerCase()===p){a.setAttribute('aria-current','page');}});})();`;

/** The page frame of a wiki: everything but the title, sidebar, content, TOC and page scripts. */
export function renderShell(options: ShellOptions): string {
  const site = escapeHtml(options.siteName);
  const base = escapeHtml(options.basePath);
  const description = escapeHtml(options.description ?? options.siteName);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${SLOTS.title} · ${site}</title>
<meta name="description" content="${description}">
<style>${SHELL_CSS}</style>
</head>
<body>
<header class="wb-header"><a class="wb-site" href="${base}/">${site}</a>
<nav class="wb-links"><a href="${base}/">Home</a></nav></header>
<div class="wb-layout">
<aside class="wb-aside">${SLOTS.sidebar}</aside>
<main class="wb-page"><article class="wb-content">${SLOTS.content}</article></main>
<aside class="wb-toc">${SLOTS.toc}</aside>
</div>
<script>${MARK_CURRENT}</script>
${SLOTS.scripts}
</body>
</html>
`;
}
