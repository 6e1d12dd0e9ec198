/**
 * The shell fragment is a whole HTML page with these markers; the assembler fills them per request.
 * Kept tiny and dependency-free because the assemble bundle imports it.
 */
export const SLOTS = {
  title: '<!--wb:title-->',
  sidebar: '<!--wb:sidebar-->',
  content: '<!--wb:content-->',
  toc: '<!--wb:toc-->',
  scripts: '<!--wb:scripts-->',
} as const;

export type SlotName = keyof typeof SLOTS;
export type SlotValues = Partial<Record<SlotName, string>>;

const MARKER = /<!--wb:(title|sidebar|content|toc|scripts)-->/g;

/** Replaces every slot marker in one pass; a slot without a value becomes empty. */
export function fillSlots(shell: string, values: SlotValues): string {
  return shell.replace(MARKER, (_m, name: SlotName) => values[name] ?? '');
}
