import { describeSpec, type SpecExample } from './specExamples';

// The spec as the commonmark-spec package ships it (dev dependency); its text writes tabs as `→`.
const spec = require('commonmark-spec') as { tests: { markdown: string; html: string; section: string; number: number }[] };
const examples: SpecExample[] = spec.tests.map((t) => ({
  number: t.number,
  section: t.section,
  markdown: t.markdown.replace(/→/g, '\t'),
  html: t.html.replace(/→/g, '\t'),
}));

const FRONTMATTER = 'YAML frontmatter: `---` on the first line opens a "Properties" block, as in Otter Wiki';
const ALLOWLIST = "raw HTML goes through Otter Wiki's allow-list: a chunk with a tag or attribute not on it is escaped whole";
const UNCLOSED_TAG = "raw HTML that ends inside a tag is escaped (the allow-list's rule that a chunk cannot swallow what follows)";
const WIKILINK = '`[[…]]` is a wikilink in Otter Wiki, before CommonMark link syntax';
const AUTOLINK = 'bare `http(s)://` URLs are links (GFM autolink literals, as in Otter Wiki)';

/** CommonMark examples we render differently on purpose (by number in the current spec). */
export const COMMONMARK_DELIBERATE: Readonly<Record<number, string>> = {
  96: FRONTMATTER,
  150: `${ALLOWLIST} (<foo>)`,
  156: UNCLOSED_TAG,
  157: UNCLOSED_TAG,
  158: UNCLOSED_TAG,
  163: `${ALLOWLIST} (<Warning>)`,
  169: `${ALLOWLIST} (pre[language])`,
  170: `${ALLOWLIST} (<script>)`,
  171: `${ALLOWLIST} (<textarea>)`,
  172: `${ALLOWLIST} (<style>)`,
  173: `${ALLOWLIST} (<style>)`,
  176: `${ALLOWLIST} (<style>)`,
  178: `${ALLOWLIST} (<script>)`,
  201: `${ALLOWLIST} (<bar>)`,
  484: 'a link with an empty label shows its URL as text, as Otter Wiki does (its issue #545): an empty link is invisible',
  491: `${ALLOWLIST} (<foo bar>)`,
  524: `${ALLOWLIST} (<bar>)`,
  536: `${ALLOWLIST} (<bar>)`,
  548: WIKILINK,
  559: WIKILINK,
  590: WIKILINK,
  602: AUTOLINK,
  608: AUTOLINK,
  611: AUTOLINK,
  613: `${ALLOWLIST} (<bab>, <c2c>)`,
  614: `${ALLOWLIST} (<b2>)`,
  615: `${ALLOWLIST} (<b2>)`,
  616: `${ALLOWLIST} (attributes foo, bam, _boolean, zoop:33 on <a>)`,
  617: `${ALLOWLIST} (<responsive-image>)`,
};

describeSpec('CommonMark 0.31.2 spec examples, by meaning', examples, COMMONMARK_DELIBERATE);
