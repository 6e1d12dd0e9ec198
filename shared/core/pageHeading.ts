import { firstHeading } from './render/firstHeading';
import { frontmatterTitle } from './render/frontmatter';

// The YAML block micromark-extension-frontmatter recognises: `---` fences, the first at the very start.
const FRONTMATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * The heading a page is titled by, read without rendering: the first heading after any YAML
 * frontmatter (whose `key: value` lines over a `---` fence are no setext heading), else the
 * frontmatter's `title:`, as the renderer makes it the page's `<h1>`.
 * An opening fence without a closing one is a thematic break, as in micromark.
 */
export function pageHeading(markdown: string, headBytes = 512): string | undefined {
  const matter = FRONTMATTER.exec(markdown);
  if (!matter) return firstHeading(markdown, headBytes);
  const body = markdown.slice(matter[0].length);
  return firstHeading(body, headBytes) ?? (matter[1] ? frontmatterTitle(matter[1]) : undefined);
}
