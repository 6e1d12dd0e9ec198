/**
 * The shell fragment is a whole HTML page with these markers; the assembler fills them per request.
 * Kept tiny and dependency-free because the assemble bundle imports it.
 */
export const SLOTS = {
  title: '<!--wb:title-->',
  /** The page's canonical path, `/{user}/{wiki}/{page}` (for `<link rel="canonical">`). */
  path: '<!--wb:path-->',
  breadcrumb: '<!--wb:breadcrumb-->',
  sidebar: '<!--wb:sidebar-->',
  content: '<!--wb:content-->',
  toc: '<!--wb:toc-->',
  scripts: '<!--wb:scripts-->',
  /**
   * Extra `<head>` content and the header's page actions (Edit button, user menu): filled only by
   * the write function's dynamic views; the assembler leaves them empty, so the cached read path
   * is the same for everyone.
   */
  head: '<!--wb:head-->',
  actions: '<!--wb:actions-->',
} as const;

export type SlotName = keyof typeof SLOTS;
export type SlotValues = Partial<Record<SlotName, string>>;

const MARKER = /<!--wb:(title|path|breadcrumb|sidebar|content|toc|scripts|head|actions)-->/g;

/** Wraps the ` · {site}` after the title in `<title>`: dropped where the title is the site name itself. */
export const siteSuffix = (escapedSite: string) => `<!--wb:suffix--> · ${escapedSite}<!--/wb:suffix-->`;
const SUFFIX = /<!--wb:suffix-->([^<]*)<!--\/wb:suffix-->/;

/**
 * Replaces every slot marker in one pass; a slot without a value becomes empty. The document
 * title reads `Page · Site`, or just `Site` on a page titled like the wiki (its home page).
 */
export function fillSlots(shell: string, values: SlotValues): string {
  const filled = shell.replace(SUFFIX, (_m, suffix: string) => (suffix === ` · ${values.title ?? ''}` ? '' : suffix));
  return filled.replace(MARKER, (_m, name: SlotName) => values[name] ?? '');
}
