import { createHash } from 'node:crypto';
import { ASSET, type AssetManifest } from '../shared/core/fragments/assets';
import { renderShell } from '../shared/core/fragments/shell';

/**
 * The Content-Security-Policy the distribution sends with pages, dynamic views and the API
 * (resources/cloudfront.yml, through tools/deploy-values.js). It allows exactly what the pages
 * need:
 *
 * - scripts: our own files under /static (mermaid, MathJax and their config, loaded per page),
 *   plus the shell's two inline scripts (theme before first paint, page wiring at the end of the
 *   body) by their SHA-256 hashes, computed here from the shell itself, so the policy follows the
 *   code. No 'unsafe-inline', no 'unsafe-eval' (neither mermaid nor MathJax needs eval), no nonce
 *   (pages are cached, a nonce would be shared by every reader).
 * - styles: 'self' and 'unsafe-inline'. Unavoidable: page HTML may carry `style` attributes
 *   (Otter Wiki's raw-HTML allow-list permits them; KaTeX output uses them), and mermaid and
 *   MathJax insert <style> elements at run time. Hashes cannot cover attributes.
 * - images and media: any https URL (wiki pages embed images and video from elsewhere, as in
 *   Otter Wiki), data: images (the stylesheet's inline SVG icons); http is upgraded.
 * - fonts, fetches, forms: the site only. No plugins, no <base>, never framed.
 *
 * A shell stored before a change to its inline scripts carries the old scripts, whose hashes the
 * new policy no longer lists: republish shells after such a deploy (docs/deploy.md, backfill).
 */

/** The bodies of `<script>` elements without attributes (inline scripts) in an HTML document. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
}

export function cspHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** A shell with every asset, so every conditional part of it is rendered. */
function sampleShell(): string {
  const assets: AssetManifest = Object.fromEntries(Object.values(ASSET).map((name) => [name, `/static/0/${name}`]));
  return renderShell({ basePath: '/user/wiki', siteName: 'Wiki', description: 'd', logo: '/logo.png', assets });
}

/** The hash sources of every inline script the pages contain, sorted, without duplicates. */
export function inlineScriptHashes(): string[] {
  return [...new Set(inlineScripts(sampleShell()).map(cspHash))].sort();
}

export function contentSecurityPolicy(): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes().join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data:",
    "media-src 'self' https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ];
  return directives.join('; ');
}

/**
 * Attachments are served from the wiki's own origin, so an uploaded HTML or SVG file must never
 * run script there even when a browser renders it inline: no scripts at all, sandboxed.
 */
export const ATTACHMENT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

/** CloudFront's limit on a Content-Security-Policy header value in a response headers policy. */
export const MAX_CSP_LENGTH = 1783;
