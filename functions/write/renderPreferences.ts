import type { Preferences } from '../../shared/ports/wikiDb';
import type { TitleOptions } from '../../shared/core/title';
import type { MenuTreeMode } from '../../shared/core/fragments/sidebar';

// Otter Wiki stores checkboxes as "True"/"False".
const isTrue = (value: string | undefined) => (value ?? '').trim().toLowerCase() === 'true';

export function titleOptions(prefs: Preferences): TitleOptions {
  return {
    underscoreAsSpace: isTrue(prefs.TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES),
    retainCase: isTrue(prefs.RETAIN_PAGE_NAME_CASE),
  };
}

/**
 * SIDEBAR_MENUTREE_MODE as Otter Wiki reads it: unset means its default, `SORTED`; empty hides
 * the tree; a value it does not know sorts like `SORTED`.
 */
export function menuTreeMode(prefs: Preferences): MenuTreeMode {
  const value = prefs.SIDEBAR_MENUTREE_MODE;
  if (value === undefined) return 'SORTED';
  const mode = value.trim().toUpperCase();
  if (!mode) return '';
  return mode === 'DIRECTORIES_GROUPED' || mode === 'DIRECTORIES_ONLY' ? mode : 'SORTED';
}

export function sidebarPreferences(prefs: Preferences) {
  const depth = Number.parseInt(prefs.SIDEBAR_MENUTREE_MAXDEPTH ?? '', 10);
  return {
    mode: menuTreeMode(prefs),
    ignoreCase: isTrue(prefs.SIDEBAR_MENUTREE_IGNORE_CASE),
    maxDepth: Number.isFinite(depth) && depth > 0 ? depth : undefined,
    customMenu: prefs.SIDEBAR_CUSTOM_MENU,
    titles: titleOptions(prefs),
  };
}
