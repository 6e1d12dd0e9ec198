import type { Code, CompileContext, Construct, Extension, HtmlExtension, State, Token } from 'micromark-util-types';
import { frontmatter } from 'micromark-extension-frontmatter';
import { codes } from 'micromark-util-symbol';
import { markdownLineEnding } from 'micromark-util-character';
import { escapeHtml } from '../html';
import type { RenderState } from './renderState';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    yaml: 'yaml';
  }
}

// `---` right after `---`: two thematic breaks to CommonMark and nothing to show as properties,
// so not frontmatter (micromark-extension-frontmatter would take it as an empty block).
const emptyMatter: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    let dashes = 0;
    let line = 0;
    return fence;
    function fence(code: Code): State | undefined {
      if (code === codes.dash && dashes < 3) {
        dashes++;
        effects.consume(code);
        return fence;
      }
      if (dashes !== 3) return nok(code);
      if (line === 1 && (code === codes.eof || markdownLineEnding(code))) return ok(code);
      if (line === 0 && markdownLineEnding(code)) {
        effects.consume(code);
        line = 1;
        dashes = 0;
        return fence;
      }
      return nok(code);
    }
  },
};

function withoutEmptyMatter(extension: Extension): Extension {
  const flow = Object.fromEntries(Object.entries(extension.flow ?? {}).map(([code, constructs]) => [code,
    ([] as Construct[]).concat(constructs as Construct | Construct[]).map((construct): Construct => ({
      ...construct,
      tokenize(effects, ok, nok) {
        const matter = construct.tokenize.call(this, effects, ok, nok);
        // Only at the very start of the page, where no container can hold the line after.
        const { line, column } = this.now();
        return line === 1 && column === 1 ? effects.check(emptyMatter, nok, matter) : matter;
      },
    }))]));
  return { flow };
}

/** YAML frontmatter between `---` fences at the very start of a page. */
export const frontmatterSyntax = withoutEmptyMatter(frontmatter(['yaml']));

let yaml: typeof import('yaml') | undefined;
// Only pages with frontmatter need a YAML parser.
const parser = () => (yaml ??= require('yaml') as typeof import('yaml'));

/** The `title:` of a frontmatter block, when it is a non-empty string. */
export function frontmatterTitle(source: string): string | undefined {
  try {
    const data: unknown = parser().parse(source);
    if (data && typeof data === 'object' && 'title' in data) {
      const title = (data as { title: unknown }).title;
      if (typeof title === 'string' && title.trim()) return title.trim().replace(/^["']+|["']+$/g, '');
    }
  } catch {
    // Not valid YAML: shown as it is, without a title.
  }
  return undefined;
}

/** Records the frontmatter for `placeFrontmatter`; micromark writes nothing for it. */
export function frontmatterHtml(state: RenderState): HtmlExtension {
  return {
    enter: {
      yaml(this: CompileContext) {
        this.buffer();
      },
    },
    exit: {
      yaml(this: CompileContext, token: Token) {
        this.resume();
        const lines = this.sliceSerialize(token).split(/\r?\n|\r/);
        const source = lines.slice(1, -1).join('\n');
        state.frontmatter = { source, title: frontmatterTitle(source) };
        this.setData('slurpOneLineEnding', true);
      },
    },
  };
}

/**
 * Puts the frontmatter in front of the page as collapsed "Properties", and its title as the
 * page's `<h1>` when the page has no level-one heading of its own (as Otter Wiki does).
 */
export function placeFrontmatter(html: string, state: RenderState, hasH1: boolean): string {
  const matter = state.frontmatter;
  if (!matter) return html;
  const details = `<details class="wb-frontmatter"><summary>Properties</summary><pre>${escapeHtml(matter.source)}</pre></details>\n`;
  const title = matter.title && !hasH1 ? `<h1>${escapeHtml(matter.title)}</h1>\n` : '';
  return details + title + html;
}
