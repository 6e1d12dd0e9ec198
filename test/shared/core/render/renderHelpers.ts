import { parseFragment } from 'parse5';
import { renderPage, type RenderOptions } from '../../../../shared/core/render/renderPage';

export const BASE = '/alice/notes';

/** Renders markdown under the test wiki's base path. */
export const render = (markdown: string, options: Partial<RenderOptions> = {}) =>
  renderPage(markdown, { basePath: BASE, ...options });

export const html = (markdown: string, options: Partial<RenderOptions> = {}) => render(markdown, options).html;

export interface ParsedElement {
  readonly tagName: string;
  readonly attrs: readonly { name: string; value: string }[];
  readonly childNodes?: readonly ParsedNode[];
}
type ParsedNode = Partial<ParsedElement> & { nodeName: string; value?: string; content?: { childNodes: readonly ParsedNode[] } };

/** Every element of an HTML fragment, parsed as a browser would (parse5), in document order. */
export function elementsOf(fragment: string): ParsedElement[] {
  const out: ParsedElement[] = [];
  const walk = (nodes: readonly ParsedNode[]) => {
    for (const node of nodes) {
      if (typeof node.tagName === 'string') out.push(node as ParsedElement);
      if (node.childNodes) walk(node.childNodes);
      if (node.content) walk(node.content.childNodes);
    }
  };
  walk(parseFragment(fragment).childNodes as ParsedNode[]);
  return out;
}

/** The text of an HTML fragment as a browser shows it. */
export function textOf(fragment: string): string {
  let text = '';
  const walk = (nodes: readonly ParsedNode[]) => {
    for (const node of nodes) {
      if (node.nodeName === '#text') text += node.value ?? '';
      if (node.childNodes) walk(node.childNodes);
    }
  };
  walk(parseFragment(fragment).childNodes as ParsedNode[]);
  return text;
}

export const attr = (element: ParsedElement, name: string) => element.attrs.find((a) => a.name === name)?.value;
