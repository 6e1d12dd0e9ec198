import { titleFromFileName, type TitleOptions } from '../title';

/**
 * The name a page goes by in the sidebar, as Otter Wiki derives it: file names are lowercase, so
 * a first heading that spells the same name (`# API Reference` for `api reference.md`) lends it
 * its capitals; otherwise the name is title-cased. With RETAIN_PAGE_NAME_CASE the file name is
 * the name. TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES shows `_` as a space.
 */
export function pageLabel(segment: string, heading: string | undefined, options: TitleOptions = {}): string {
  const name = segment.replace(/\.md$/i, '');
  let label: string;
  if (options.retainCase) label = name;
  else if (heading !== undefined && heading.toLowerCase() === name.toLowerCase()) label = heading;
  else label = titleFromFileName(name, { retainCase: false });
  return options.underscoreAsSpace ? label.replace(/_/g, ' ') : label;
}
