import type { Code, CompileContext, Effects, Extension, HtmlExtension, State, Token } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { asciiAlpha, markdownSpace } from 'micromark-util-character';
import { quoteContainer, type MarkerTokenizer } from './quoteContainer';

declare module 'micromark-util-types' {
  interface CompileData {
    alertTypes?: string[];
  }
}

/** GitHub's alert types, which Otter Wiki shares. */
export const ALERT_TYPES = ['note', 'tip', 'important', 'warning', 'caution'] as const;

// ` [!NOTE]` after the `>` of the first line, type in any case.
const alertMarker: MarkerTokenizer = (effects: Effects, ok: State, nok: State) => {
  let type = '';
  return before;
  function before(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return before;
    }
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.consume(code);
    return bang;
  }
  function bang(code: Code): State | undefined {
    if (code !== codes.exclamationMark) return nok(code);
    effects.consume(code);
    effects.enter('alertType');
    return name;
  }
  function name(code: Code): State | undefined {
    if (code !== null && asciiAlpha(code) && type.length < 12) {
      type += String.fromCharCode(code).toLowerCase();
      effects.consume(code);
      return name;
    }
    if (code !== codes.rightSquareBracket || !(ALERT_TYPES as readonly string[]).includes(type)) return nok(code);
    effects.exit('alertType');
    effects.consume(code);
    return ok;
  }
};

const construct = quoteContainer({ name: 'alert', prefix: 'alertPrefix', marker: alertMarker, repeatMarker: false });

/** `> [!NOTE]` … `> text`: a block quote whose first line names an alert type. */
export const alertSyntax: Extension = { document: { [codes.greaterThan]: construct } };

export const alertHtml: HtmlExtension = {
  enter: {
    alert(this: CompileContext) {
      this.lineEndingIfNeeded();
      this.buffer();
    },
  },
  exit: {
    alertType(this: CompileContext, token: Token) {
      const types = this.getData('alertTypes') ?? [];
      types.push(this.sliceSerialize(token).toLowerCase());
      this.setData('alertTypes', types);
    },
    alert(this: CompileContext) {
      const content = this.resume().trim();
      const type = this.getData('alertTypes')?.pop() ?? 'note';
      const label = type.charAt(0).toUpperCase() + type.slice(1);
      this.tag(`<div class="wb-alert wb-alert-${type}" role="note"><p class="wb-alert-title">${label}</p>${content}</div>`);
    },
  },
};
