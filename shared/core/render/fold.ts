import type { CompileContext, Extension, HtmlExtension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { takeLeadingHeading } from './headings';
import { quoteContainer, singleCharMarker } from './quoteContainer';

const construct = quoteContainer({
  name: 'fold', prefix: 'foldPrefix', marker: singleCharMarker(codes.verticalBar), repeatMarker: true,
});

/** `>| # Summary` then `>| details…`: a collapsed section, every line starting with `>|`. */
export const foldSyntax: Extension = { document: { [codes.greaterThan]: construct } };

/** A `<details>` whose summary is the fold's leading heading (it stays out of the TOC). */
export const foldHtml: HtmlExtension = {
  enter: {
    fold(this: CompileContext) {
      this.lineEndingIfNeeded();
      this.buffer();
    },
  },
  exit: {
    fold(this: CompileContext) {
      const { heading, rest } = takeLeadingHeading(this.resume());
      this.tag(`<details class="wb-fold"><summary>${heading ?? 'Details'}</summary><div class="wb-fold-content">${rest}</div></details>`);
    },
  },
};
