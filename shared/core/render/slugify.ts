/**
 * Otter Wiki's anchor slug: ASCII only (accents folded), lowercase, punctuation dropped,
 * runs of spaces and dashes turned into one `-`.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\x00-\x7f]/g, '')
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/** Hands out unique anchors on one page: the second `intro` becomes `intro-1`, then `intro-2`. */
export function createSlugger(reserved: readonly string[] = []): (text: string) => string {
  const seen = new Map<string, number>(reserved.map((id) => [id, 0]));
  return (text) => {
    const base = slugify(text) || 'section';
    const count = seen.get(base);
    if (count === undefined) {
      seen.set(base, 0);
      return base;
    }
    let next = count + 1;
    while (seen.has(`${base}-${next}`)) next++;
    seen.set(base, next);
    seen.set(`${base}-${next}`, 0);
    return `${base}-${next}`;
  };
}
