import type { PageNaming } from '../../shared/core/pagePath';
import { pageHeading } from '../../shared/core/pageHeading';
import { titleFromFileName } from '../../shared/core/title';
import type { Preferences } from '../../shared/ports/wikiDb';

/** How a wiki's preferences name files (RETAIN_PAGE_NAME_CASE). */
export function namingOf(prefs: Preferences): PageNaming {
  return { retainCase: prefs.RETAIN_PAGE_NAME_CASE === 'True' };
}

export function wikilinkStyleOf(prefs: Preferences): 'TITLELINK' | 'LINKTITLE' {
  return prefs.WIKILINK_STYLE?.toUpperCase() === 'LINKTITLE' ? 'LINKTITLE' : 'TITLELINK';
}

/**
 * A page's title as Otter Wiki finds it: the first heading in the page's head (after any
 * frontmatter, else its `title:`), else the title-cased file name. Read without rendering, so API reads never load the renderer.
 */
export function pageTitle(file: string, content: string, prefs: Preferences): string {
  return pageHeading(content) ?? titleFromFileName(file, {
    underscoreAsSpace: prefs.TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES === 'True',
    retainCase: prefs.RETAIN_PAGE_NAME_CASE === 'True',
  });
}
