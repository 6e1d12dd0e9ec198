// ATX (`# Title`, optional closing #s) or setext (`Title` over `===`/`---`), as Otter Wiki reads them.
const ATX = /^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m;
const SETEXT = /^([^\n]+)\n {0,3}(?:=|-){2,}[ \t]*$/m;

/**
 * The first heading in the head of a page's markdown (Otter Wiki reads the first 512 bytes),
 * for sidebars and indexes that must not render every page.
 */
export function firstHeading(markdown: string, headBytes = 512): string | undefined {
  const head = markdown.slice(0, headBytes);
  const atx = ATX.exec(head);
  const setext = SETEXT.exec(head);
  const match = atx && (!setext || atx.index <= setext.index) ? atx : setext;
  const text = match?.[1]?.trim();
  return text || undefined;
}
