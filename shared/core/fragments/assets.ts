/**
 * The static assets the shell refers to, by logical name. The asset build (tools/buildAssets.ts)
 * publishes each under a content-hashed URL and hands the renderer a manifest of those URLs.
 */
export const ASSET = {
  css: 'wikibot.css',
  favicon: 'favicon.svg',
  mermaid: 'mermaid.min.js',
  mermaidInit: 'mermaid-init.js',
  mathjax: 'tex-chtml.js',
  mathjaxConfig: 'mathjax-config.js',
  /** The dynamic views' own stylesheet and script (history, diff, editor forms…), never on the read path. */
  viewsCss: 'views.css',
  viewsJs: 'views.js',
  /** The page editor: CodeMirror 6, live preview, drafts, uploads (assets/editor/editor.ts). */
  editorJs: 'editor.js',
} as const;

export type AssetName = (typeof ASSET)[keyof typeof ASSET];

/** Logical asset name → URL path, e.g. `wikibot.css` → `/static/3f2a9c1b7d0e/wikibot.css`. */
export type AssetManifest = Readonly<Partial<Record<AssetName, string>>>;
