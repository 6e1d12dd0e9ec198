import type {
  Code, CompileContext, Construct, Effects, Extension, HtmlExtension, State, Token, TokenizeContext,
} from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { markdownLineEnding } from 'micromark-util-character';
import { escapeHtml } from '../html';
import { slugify } from './slugify';
import { pageHref } from './pageHref';
import { WIKILINK_PIPE } from './wikilinkPipes';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    wikilink: 'wikilink';
    wikilinkMarker: 'wikilinkMarker';
    wikilinkText: 'wikilinkText';
  }
  interface CompileData {
    wikilinkText?: string;
  }
}

/** `[[Title|Page]]` (Otter Wiki's default) or `[[Page|Title]]` (WIKILINK_STYLE=LINKTITLE). */
export type WikilinkStyle = 'TITLELINK' | 'LINKTITLE';

/** Reads the WIKILINK_STYLE preference as Otter Wiki does: case and underscores do not matter. */
export function parseWikilinkStyle(preference: string | undefined): WikilinkStyle {
  const value = (preference ?? '').toUpperCase().replace(/_/g, '').trim();
  return value === 'LINKTITLE' || value === 'PAGENAMETITLE' ? 'LINKTITLE' : 'TITLELINK';
}

const construct: Construct = { name: 'wikilink', tokenize: tokenizeWikilink };

/** micromark syntax extension: `[[…]]` on one line, tried before an ordinary link label. */
export const wikilinkSyntax: Extension = { text: { [codes.leftSquareBracket]: construct } };

function tokenizeWikilink(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('wikilink');
    effects.enter('wikilinkMarker');
    effects.consume(code);
    return secondOpen;
  }
  function secondOpen(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikilinkMarker');
    effects.enter('wikilinkText');
    return inside;
  }
  function inside(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code) || code === codes.leftSquareBracket) {
      return nok(code);
    }
    if (code === codes.rightSquareBracket) {
      if (size === 0) return nok(code);
      effects.exit('wikilinkText');
      effects.enter('wikilinkMarker');
      effects.consume(code);
      return secondClose;
    }
    effects.consume(code);
    size++;
    return inside;
  }
  function secondClose(code: Code): State | undefined {
    if (code !== codes.rightSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikilinkMarker');
    effects.exit('wikilink');
    // Links cannot contain links: as micromark does for a link, the `[` of any link still open
    // around this one can no longer start a link (`[see [[Page]]](url)` keeps its brackets).
    for (const start of self._labelStarts ?? []) if (start.type === 'labelLink') start._inactive = true;
    return ok;
  }
}

export interface WikilinkTarget {
  readonly title: string;
  readonly href: string;
}

/**
 * Splits the inside of `[[…]]` into its title and a root-relative href (`/Page#anchor`), as Otter
 * Wiki writes it; the renderer later scopes root-relative links under the wiki.
 */
export function resolveWikilink(raw: string, style: WikilinkStyle): WikilinkTarget | undefined {
  const inner = raw.replaceAll(WIKILINK_PIPE, '|');
  const bar = inner.indexOf('|');
  let page = inner.trim();
  let title = page;
  if (bar >= 0) {
    const left = inner.slice(0, bar).trim();
    const right = inner.slice(bar + 1).trim();
    [title, page] = style === 'LINKTITLE' ? [right, left] : [left, right];
  }
  const hash = page.indexOf('#');
  const fragment = hash >= 0 ? slugify(page.slice(hash + 1)) : '';
  const target = hash >= 0 ? page.slice(0, hash).trim() : page;
  const anchor = fragment ? `#${fragment}` : '';
  if (!target && !anchor) return undefined;
  const href = target ? pageHref('', target) + anchor : anchor;
  return { title: title || page, href };
}

/** micromark HTML extension that turns wikilink tokens into anchors. */
export function wikilinkHtml(style: WikilinkStyle): HtmlExtension {
  return {
    exit: {
      wikilinkText(this: CompileContext, token: Token) {
        this.setData('wikilinkText', this.sliceSerialize(token));
      },
      wikilink(this: CompileContext) {
        const inner = this.getData('wikilinkText') ?? '';
        this.setData('wikilinkText', undefined);
        const link = resolveWikilink(inner, style);
        if (!link) {
          this.raw(escapeHtml(`[[${inner.replaceAll(WIKILINK_PIPE, '|')}]]`));
          return;
        }
        const { title, href } = link;
        this.tag(`<a href="${escapeHtml(href)}" class="wikilink">`);
        this.raw(escapeHtml(title));
        this.tag('</a>');
      },
    },
  };
}
