/** What one render collects on the way, for the post-steps and the page's metadata. */
export interface RenderState {
  /** Client libraries the page needs (`mermaid`, `mathjax`); the assembler loads only these. */
  readonly libraries: Set<string>;
  /** `*[KEY]: title` definitions, applied to the text once the whole page is rendered. */
  readonly abbreviations: Map<string, string>;
  /** YAML frontmatter at the very start of the page, shown as collapsed "Properties". */
  frontmatter?: { readonly source: string; readonly title?: string };
}

export function createRenderState(): RenderState {
  return { libraries: new Set(), abbreviations: new Map() };
}

/** Client libraries, by the name the content envelope and the shell's library table use. */
export const LIBRARY = { mermaid: 'mermaid', mathjax: 'mathjax' } as const;
