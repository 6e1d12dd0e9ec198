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

/** Replaces every slot marker in one pass; a slot without a value becomes empty. */
export function fillSlots(shell: string, values: SlotValues): string {
  return shell.replace(MARKER, (_m, name: SlotName) => values[name] ?? '');
}
