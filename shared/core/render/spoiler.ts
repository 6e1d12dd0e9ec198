import type { CompileContext, Extension, HtmlExtension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { quoteContainer, singleCharMarker } from './quoteContainer';

const construct = quoteContainer({
  name: 'spoiler', prefix: 'spoilerPrefix', marker: singleCharMarker(codes.exclamationMark), repeatMarker: true,
});

/** `>! hidden text`: a spoiler, every line starting with `>!`. */
export const spoilerSyntax: Extension = { document: { [codes.greaterThan]: construct } };

/**
 * Blurred until revealed: the button (wired by the shell's script) keeps it open, and focus
 * reveals it without script.
 */
export const spoilerHtml: HtmlExtension = {
  enter: {
    spoiler(this: CompileContext) {
      this.lineEndingIfNeeded();
      this.tag('<div class="wb-spoiler"><button type="button" class="wb-spoiler-toggle" aria-expanded="false">Show spoiler</button><div class="wb-spoiler-content">');
    },
  },
  exit: {
    spoiler(this: CompileContext) {
      this.tag('</div></div>');
    },
  },
};
