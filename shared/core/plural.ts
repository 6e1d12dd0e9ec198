/** `1 wiki`, `2 wikis`, `0 pages`: a count with its noun in English number agreement. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
