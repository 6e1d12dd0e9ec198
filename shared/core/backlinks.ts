import { parsePagePath, type PageNaming, type PagePath } from './pagePath';

export interface PageRename {
  /** The page being renamed. */
  readonly from: PagePath;
  /** Its new name, as the caller wrote it (`Projects/New Name`). */
  readonly to: string;
  readonly naming?: PageNaming;
  /** Otter Wiki's WIKILINK_STYLE: LINKTITLE writes `[[Page|Title]]`, the default `[[Title|Page]]`. */
  readonly wikilinkStyle?: 'TITLELINK' | 'LINKTITLE';
}

const WIKILINK = /\[\[([^\]\n]+)\]\]/g;
// [text](/path "title") and ![alt](/path): root-relative targets only (not `//host`).
const MD_LINK = /(\]\()(\/(?!\/)[^)\s]*)((?:\s+"[^"]*")?\))/g;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/**
 * Rewrites links to a renamed page in one page's markdown: wikilinks (`[[Old]]`, `[[Title|Old]]`,
 * `[[Old#part]]`) and root-relative links and images (`/Old`, `/Old#x`, `/Old/a/img.png`). Links
 * into the page's folder (subpages, attachments) move with it, since rename moves the folder.
 * Code blocks and code spans are left alone. Returns the input unchanged when nothing matched.
 */
export function rewriteBacklinks(markdown: string, rename: PageRename): string {
  let fence: string | undefined;
  const lines = markdown.split('\n').map((line) => {
    const open = FENCE.exec(line)?.[1];
    if (fence) {
      if (open && open[0] === fence[0] && open.length >= fence.length && line.trim() === open) fence = undefined;
      return line;
    }
    if (open) {
      fence = open;
      return line;
    }
    return outsideCodeSpans(line, (text) => rewriteText(text, rename));
  });
  const out = lines.join('\n');
  return out === markdown ? markdown : out;
}

/** Applies `rewrite` to the parts of a line outside code spans (a backtick run up to the next run of the same length). */
function outsideCodeSpans(line: string, rewrite: (text: string) => string): string {
  let out = '';
  let textStart = 0;
  let i = 0;
  const runAt = (at: number) => {
    let n = 0;
    while (line[at + n] === '`') n++;
    return n;
  };
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    const n = runAt(i);
    let close = -1;
    for (let j = i + n; j < line.length; ) {
      const m = line[j] === '`' ? runAt(j) : 0;
      if (m === n) {
        close = j;
        break;
      }
      j += Math.max(m, 1);
    }
    if (close < 0) {
      i += n;
      continue;
    }
    out += rewrite(line.slice(textStart, i)) + line.slice(i, close + n);
    i = textStart = close + n;
  }
  return out + rewrite(line.slice(textStart));
}

function rewriteText(text: string, rename: PageRename): string {
  return text
    .replace(WIKILINK, (whole, inner: string) => {
      const next = rewriteWikilink(inner, rename);
      return next === undefined ? whole : `[[${next}]]`;
    })
    .replace(MD_LINK, (whole, open: string, url: string, close: string) => {
      const next = rewriteUrl(url, rename);
      return next === undefined ? whole : `${open}${next}${close}`;
    });
}

function rewriteWikilink(inner: string, rename: PageRename): string | undefined {
  const bar = inner.indexOf('|');
  const linkFirst = rename.wikilinkStyle === 'LINKTITLE';
  const [before, link, after] =
    bar < 0 ? ['', inner, ''] : linkFirst ? ['', inner.slice(0, bar), inner.slice(bar)] : [inner.slice(0, bar + 1), inner.slice(bar + 1), ''];
  const lead = /^\s*\/?/.exec(link)![0];
  const trail = /\s*$/.exec(link)![0];
  const body = link.slice(lead.length, link.length - trail.length);
  const hash = body.indexOf('#');
  const page = hash < 0 ? body : body.slice(0, hash);
  const moved = movedPath(safeDecode(page), rename);
  if (moved === undefined) return undefined;
  return `${before}${lead}${moved}${hash < 0 ? '' : body.slice(hash)}${trail}${after}`;
}

function rewriteUrl(url: string, rename: PageRename): string | undefined {
  const cut = url.search(/[?#]/);
  const path = cut < 0 ? url : url.slice(0, cut);
  const moved = movedPath(safeDecode(path.slice(1)), rename);
  if (moved === undefined) return undefined;
  return `/${moved.split('/').map(encodeSegment).join('/')}${cut < 0 ? '' : url.slice(cut)}`;
}

/** The new path of `target` when it is the renamed page or lies in its folder; else undefined. */
function movedPath(target: string, rename: PageRename): string | undefined {
  const segments = target.split('/').filter((s) => s.trim() !== '');
  for (let i = 1; i <= segments.length; i++) {
    let key: string;
    try {
      key = parsePagePath(segments.slice(0, i).join('/'), rename.naming).key;
    } catch {
      return undefined;
    }
    if (key === rename.from.key) return [rename.to, ...segments.slice(i)].join('/');
    if (!rename.from.key.startsWith(`${key}/`)) return undefined;
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const encodeSegment = (segment: string) => encodeURIComponent(segment).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
