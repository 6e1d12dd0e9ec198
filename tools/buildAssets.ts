import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { ASSET, type AssetManifest, type AssetName } from '../shared/core/fragments/assets';

/**
 * The static assets build: our stylesheet (with the highlighter theme and KaTeX's CSS), KaTeX's
 * fonts, the favicon, mermaid, MathJax and the dynamic views' CSS and scripts, each group under a content-hashed directory, so
 * `/static/{hash}/…` can be cached for a year and a change gets a new URL. Deterministic: the
 * same sources give the same hashes on every machine. Output goes to a gitignored folder; the
 * local platform and the tests build on demand, a deployment uploads the same files.
 */

export const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_OUT_DIR = path.join(ROOT, '.build', 'static');
const ASSETS = path.join(ROOT, 'assets');
const CSS_DIR = path.join(ASSETS, 'css');

/**
 * The bucket prefix the distribution's static origin is confined to (its OriginPath): an asset's
 * key is this prefix followed by its URL path.
 */
export const STATIC_ORIGIN_PREFIX = 'static';

export interface StaticFile {
  /** The object key in the bucket, e.g. `static/static/3f2a9c1b7d0e/wikibot.css` for `/static/3f2a9c1b7d0e/wikibot.css`. */
  readonly key: string;
  readonly file: string;
  readonly contentType: string;
}

export interface BuiltAssets {
  readonly manifest: AssetManifest;
  readonly files: readonly StaticFile[];
}

/** One content-hashed directory: files by their path inside it. */
type Group = Map<string, Buffer>;

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

export const STATIC_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
}

const read = (file: string) => fs.readFileSync(file);
const pkg = (request: string) => path.dirname(require.resolve(`${request}/package.json`));

/** Our stylesheet: assets/css/*.css in name order, then KaTeX's (fonts as woff2 only). */
function stylesheet(): Buffer {
  const ours = fs.readdirSync(CSS_DIR).filter((f) => f.endsWith('.css')).sort()
    .map((f) => fs.readFileSync(path.join(CSS_DIR, f), 'utf8'));
  // Every browser that runs our pages reads woff2; the older formats would only be dead weight.
  const katex = fs.readFileSync(path.join(pkg('katex'), 'dist', 'katex.min.css'), 'utf8')
    .replace(/,url\(fonts\/[^)]+\.woff\) format\("woff"\),url\(fonts\/[^)]+\.ttf\) format\("truetype"\)/g, '');
  return Buffer.from(`${ours.join('\n')}\n${katex}\n`);
}

function coreGroup(): Group {
  const group: Group = new Map([
    [ASSET.css, stylesheet()],
    [ASSET.favicon, read(path.join(ASSETS, 'favicon.svg'))],
    [ASSET.mermaidInit, read(path.join(ASSETS, 'js', 'mermaid-init.js'))],
    [ASSET.mathjaxConfig, read(path.join(ASSETS, 'js', 'mathjax-config.js'))],
  ]);
  const fonts = path.join(pkg('katex'), 'dist', 'fonts');
  for (const font of fs.readdirSync(fonts).filter((f) => f.endsWith('.woff2')).sort()) {
    group.set(`fonts/${font}`, read(path.join(fonts, font)));
  }
  return group;
}

function mermaidGroup(): Group {
  return new Map([[ASSET.mermaid, read(path.join(pkg('mermaid'), 'dist', 'mermaid.min.js'))]]);
}

/**
 * The dynamic views' files: their stylesheet, and two scripts bundled with esbuild from
 * assets/editor/*.ts: `views.js` (small enhancements) and `editor.js` (CodeMirror 6 and the
 * editor's preview, drafts and uploads). Only the write function's views load them; the read
 * path never does. esbuild's output depends only on the sources and the pinned package versions,
 * so the hash is the same on every machine.
 */
function editorGroup(): Group {
  const bundle = (entry: string) => {
    const out = buildSync({
      entryPoints: [path.join(ASSETS, 'editor', entry)],
      absWorkingDir: ROOT,
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      platform: 'browser',
      legalComments: 'eof',
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
    });
    return Buffer.from(out.outputFiles[0]!.contents);
  };
  return new Map([
    [ASSET.viewsCss, read(path.join(ASSETS, 'editor', 'views.css'))],
    [ASSET.viewsJs, bundle('views.ts')],
    [ASSET.editorJs, bundle('editor.ts')],
  ]);
}

/** Adds every file under `dir` to the group, at `prefix/` plus its path below `dir`. */
function addTree(group: Group, dir: string, prefix: string) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) addTree(group, file, `${prefix}/${entry.name}`);
    else group.set(`${prefix}/${entry.name}`, read(file));
  }
}

/**
 * MathJax keeps its layout: it finds its fonts and the TeX extensions it loads on demand
 * (`\bbox`, `\enclose`…) relative to its own script.
 */
function mathjaxGroup(): Group {
  const es5 = path.join(pkg('mathjax'), 'es5');
  const group: Group = new Map([[ASSET.mathjax, read(path.join(es5, 'tex-chtml.js'))]]);
  // Safe mode, loaded by assets/js/mathjax-config.js before anything is typeset.
  group.set('ui/safe.js', read(path.join(es5, 'ui', 'safe.js')));
  addTree(group, path.join(es5, 'output', 'chtml', 'fonts', 'woff-v2'), 'output/chtml/fonts/woff-v2');
  addTree(group, path.join(es5, 'input', 'tex', 'extensions'), 'input/tex/extensions');
  return group;
}

function hashOf(group: Group): string {
  const hash = crypto.createHash('sha256');
  for (const [name, content] of [...group].sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(`${name}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex').slice(0, 12);
}

/** Builds every group into `{outDir}/{hash}/…` (skipping a hash already built) plus manifest.json. */
export function buildAssets(outDir: string = DEFAULT_OUT_DIR): BuiltAssets {
  const manifest: Partial<Record<AssetName, string>> = {};
  const files: StaticFile[] = [];
  for (const group of [coreGroup(), mermaidGroup(), mathjaxGroup(), editorGroup()]) {
    const hash = hashOf(group);
    const dir = path.join(outDir, hash);
    const complete = path.join(dir, '.complete');
    const fresh = !fs.existsSync(complete);
    for (const [name, content] of group) {
      const file = path.join(dir, name);
      if (fresh) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
      }
      files.push({ key: `${STATIC_ORIGIN_PREFIX}/static/${hash}/${name}`, file, contentType: contentTypeOf(name) });
      if ((Object.values(ASSET) as string[]).includes(name)) manifest[name as AssetName] = `/static/${hash}/${name}`;
    }
    if (fresh) fs.writeFileSync(complete, '');
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, files };
}

if (require.main === module) {
  const built = buildAssets();
  console.log(JSON.stringify(built.manifest, null, 2));
  console.log(`${built.files.length} files in ${path.relative(ROOT, DEFAULT_OUT_DIR)}/`);
}
