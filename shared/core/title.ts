export interface TitleOptions {
  /** Otter Wiki's TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES. */
  readonly underscoreAsSpace?: boolean;
  /** Otter Wiki's RETAIN_PAGE_NAME_CASE: file names already carry the intended case. */
  readonly retainCase?: boolean;
}

/** The title Otter Wiki shows for a page without a heading: its file name, title-cased. */
export function titleFromFileName(file: string, options: TitleOptions = {}): string {
  const last = file.split('/').pop() ?? file;
  let name = last.replace(/\.md$/i, '');
  if (options.underscoreAsSpace) name = name.replace(/_/g, ' ');
  if (options.retainCase) return name;
  return name.replace(/\p{L}+/gu, (word) => word.charAt(0).toUpperCase() + word.slice(1));
}
