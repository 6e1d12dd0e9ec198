import { parseFragment } from 'parse5';
import type { RenderedPage } from '../../../../../shared/core/render/renderPage';

/**
 * The checks our Otter Wiki fixtures (test/fixtures/otterwiki-renderer) are written in: what a
 * reader sees and where links go, not bytes. Root-relative `href`/`src` values in a fixture are
 * Otter Wiki's; under our design they live below the wiki's base path.
 */
export interface ElementQuery {
  readonly tag: string;
  /** Classes the element must have (all of them, space separated). */
  readonly class?: string;
  /** Attributes with exactly these values (`null`: must be absent). */
  readonly attrs?: Readonly<Record<string, string | null>>;
  /** Its text, whitespace collapsed and trimmed. */
  readonly text?: string;
  /** Its text exactly as a browser keeps it (preformatted text). */
  readonly exactText?: string;
  readonly textContains?: string;
  readonly inside?: { readonly tag: string; readonly class?: string };
  readonly notInside?: { readonly tag: string; readonly class?: string };
}

type Query = Omit<ElementQuery, 'tag'>;
export const QUERY_KEYS: readonly string[] = ['class', 'attrs', 'text', 'exactText', 'textContains', 'inside', 'notInside'];

export type Check =
  | ({ readonly element: string; readonly count?: number } & Query)
  | ({ readonly noElement: string } & Query)
  | { readonly text: string }
  | { readonly textContains: string }
  | { readonly textLacks: string }
  | { readonly math: readonly string[] }
  | { readonly toc: readonly { level: number; text: string; anchor: string }[] }
  | { readonly title: string | null }
  | { readonly libraries: readonly string[] }
  | { readonly noEventHandlers: true }
  | { readonly internalLinksResolve: true };

export const CHECK_KINDS = [
  'element', 'noElement', 'text', 'textContains', 'textLacks', 'math', 'toc', 'title', 'libraries',
  'noEventHandlers', 'internalLinksResolve',
] as const;

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: { childNodes: Node[] };
  up?: Node;
}

const childrenOf = (node: Node) => node.content?.childNodes ?? node.childNodes ?? [];

function parse(html: string): { roots: Node[]; all: Node[] } {
  const roots = parseFragment(html).childNodes as Node[];
  const all: Node[] = [];
  const walk = (nodes: Node[], up?: Node) => {
    for (const node of nodes) {
      node.up = up;
      if (node.tagName) all.push(node);
      walk(childrenOf(node), node);
    }
  };
  walk(roots);
  return { roots, all };
}

const rawText = (node: Node): string => (node.nodeName === '#text' ? (node.value ?? '') : childrenOf(node).map(rawText).join(''));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const attr = (node: Node, name: string) => node.attrs?.find((a) => a.name === name)?.value;
const hasClasses = (node: Node, classes: string) =>
  classes.split(/\s+/).every((c) => (attr(node, 'class') ?? '').split(/\s+/).includes(c));
const isA = (node: Node, query: { tag: string; class?: string }) => node.tagName === query.tag && (!query.class || hasClasses(node, query.class));
const within = (node: Node, query: { tag: string; class?: string }) => {
  for (let up = node.up; up; up = up.up) if (isA(up, query)) return true;
  return false;
};

function expectedUrl(name: string, value: string, basePath: string): string {
  return (name === 'href' || name === 'src') && value.startsWith('/') && !value.startsWith('//') ? basePath + value : value;
}

function matches(node: Node, query: ElementQuery, basePath: string): boolean {
  if (!isA(node, query)) return false;
  for (const [name, value] of Object.entries(query.attrs ?? {})) {
    const actual = attr(node, name);
    if (value === null ? actual !== undefined : actual !== expectedUrl(name, value, basePath)) return false;
  }
  const text = rawText(node);
  if (query.text !== undefined && squash(text) !== query.text) return false;
  if (query.exactText !== undefined && text !== query.exactText) return false;
  if (query.textContains !== undefined && !squash(text).includes(query.textContains)) return false;
  if (query.inside && !within(node, query.inside)) return false;
  if (query.notInside && within(node, query.notInside)) return false;
  return true;
}

/** A page's formulas in order, written as Otter Wiki leaves them for MathJax: `\(…\)`, `\[…\]`. */
function formulas(all: Node[]): string[] {
  const out: string[] = [];
  for (const node of all) {
    if (node.tagName !== 'span') continue;
    if (hasClasses(node, 'katex')) {
      const tex = all.find((n) => n.tagName === 'annotation' && within(n, { tag: 'span', class: 'katex' }) && isDescendant(n, node));
      const display = node.up && isA(node.up, { tag: 'span', class: 'katex-display' });
      const source = tex ? rawText(tex) : '';
      out.push(display ? `\\[${source}\\]` : `\\(${source}\\)`);
    } else if (hasClasses(node, 'wb-math-fallback')) {
      out.push(rawText(node));
    }
  }
  return out;
}

function isDescendant(node: Node, ancestor: Node): boolean {
  for (let up = node.up; up; up = up.up) if (up === ancestor) return true;
  return false;
}

// The text a reader sees: KaTeX's MathML copy is for screen readers only.
function visibleText(roots: Node[]): string {
  const text = (node: Node): string => {
    if (node.nodeName === '#text') return node.value ?? '';
    if (node.tagName === 'span' && hasClasses(node, 'katex-mathml')) return '';
    return childrenOf(node).map(text).join('');
  };
  return squash(roots.map(text).join(''));
}

/** Runs one check on a rendered page; returns what went wrong, or undefined. */
export function failure(check: Check, page: RenderedPage, basePath: string): string | undefined {
  const { roots, all } = parse(page.html);
  const visible = visibleText(roots);
  if ('element' in check) {
    const { element, count, ...query } = check;
    const found = all.filter((node) => matches(node, { tag: element, ...query }, basePath)).length;
    const ok = count === undefined ? found > 0 : found === count;
    return ok ? undefined : `expected ${count ?? 'some'} <${element}> ${JSON.stringify(query)}, found ${found}`;
  }
  if ('noElement' in check) {
    const { noElement, ...query } = check;
    return all.some((node) => matches(node, { tag: noElement, ...query }, basePath)) ? `unexpected <${noElement}> ${JSON.stringify(query)}` : undefined;
  }
  if ('text' in check) return visible === check.text ? undefined : `text was ${JSON.stringify(visible)}`;
  if ('textContains' in check) return visible.includes(check.textContains) ? undefined : `text lacks ${JSON.stringify(check.textContains)}: ${JSON.stringify(visible)}`;
  if ('textLacks' in check) return visible.includes(check.textLacks) ? `text has ${JSON.stringify(check.textLacks)}` : undefined;
  if ('math' in check) return same(formulas(all), check.math, 'formulas');
  if ('toc' in check) return same(page.toc, check.toc, 'toc');
  if ('title' in check) return same(page.title ?? null, check.title, 'title');
  if ('libraries' in check) return same(page.libraries, check.libraries, 'libraries');
  if ('noEventHandlers' in check) {
    const handlers = all.flatMap((node) => (node.attrs ?? []).filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${node.tagName}[${a.name}]`));
    return handlers.length ? `event handlers: ${handlers.join(', ')}` : undefined;
  }
  const ids = new Set(all.map((node) => attr(node, 'id')).filter(Boolean));
  const dangling = all.map((node) => attr(node, 'href') ?? '').filter((href) => href.startsWith('#') && href !== '#harmful-link' && !ids.has(decodeURIComponent(href.slice(1))));
  return dangling.length ? `links to missing ids: ${dangling.join(', ')}` : undefined;
}

function same(actual: unknown, expected: unknown, what: string): string | undefined {
  return JSON.stringify(actual) === JSON.stringify(expected) ? undefined : `${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}
