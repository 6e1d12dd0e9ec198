/**
 * The wiki preferences as the settings screen shows them: a label, help text and the kind of
 * control for each key of shared/core/settings.ts SETTINGS (a test keeps the two in step). The
 * values are validated by SETTINGS itself, exactly as the API validates them.
 */
export type FieldKind =
  | { readonly type: 'text'; readonly placeholder?: string }
  | { readonly type: 'textarea' }
  | { readonly type: 'flag' }
  | { readonly type: 'choice'; readonly options: readonly (readonly [value: string, label: string])[] };

export interface SettingField {
  readonly key: string;
  readonly label: string;
  readonly help: string;
  readonly kind: FieldKind;
  /** What the wiki does while the key is unset (what the control shows then). */
  readonly fallback: string;
}

export interface SettingGroup {
  readonly title: string;
  readonly fields: readonly SettingField[];
}

const text = (placeholder?: string): FieldKind => ({ type: 'text', placeholder });
const flag: FieldKind = { type: 'flag' };

export const SETTING_GROUPS: readonly SettingGroup[] = [
  {
    title: 'Appearance',
    fields: [
      { key: 'SITE_NAME', label: 'Site name', help: 'Shown in the header and page titles. Empty: the wiki\'s title.', kind: text(), fallback: '' },
      { key: 'SITE_DESCRIPTION', label: 'Description', help: 'For search engines and link previews.', kind: text(), fallback: '' },
      { key: 'SITE_LOGO', label: 'Logo URL', help: 'An https URL, or a path in this wiki such as /Home/a/logo.png (an attachment).', kind: text('/Home/a/logo.png'), fallback: '' },
      { key: 'SITE_ICON', label: 'Icon URL', help: 'The browser tab icon; same forms as the logo.', kind: text(), fallback: '' },
      { key: 'SITE_LANG', label: 'Language', help: 'A language tag such as en or de-CH, for screen readers and spell checkers.', kind: text('en'), fallback: '' },
      { key: 'HOME_PAGE', label: 'Home page', help: 'The page the wiki opens with, by name (without .md). Empty: Home.', kind: text('Home'), fallback: '' },
    ],
  },
  {
    title: 'Sidebar',
    fields: [
      {
        key: 'SIDEBAR_MENUTREE_MODE', label: 'Page tree', help: 'How the sidebar lists the pages.', fallback: '',
        kind: { type: 'choice', options: [['', 'Hidden'], ['SORTED', 'All pages, sorted'], ['DIRECTORIES_GROUPED', 'Folders first'], ['DIRECTORIES_ONLY', 'Folders only']] },
      },
      { key: 'SIDEBAR_MENUTREE_IGNORE_CASE', label: 'Sort without regard to case', help: 'Sort "apple" next to "Apple".', kind: flag, fallback: 'False' },
      { key: 'SIDEBAR_MENUTREE_MAXDEPTH', label: 'Depth', help: 'How many folder levels the tree shows; empty for all.', kind: text('all'), fallback: '' },
      {
        key: 'SIDEBAR_MENUTREE_FOCUS', label: 'Focus', help: 'Which part of the tree is open on a page.', fallback: '',
        kind: { type: 'choice', options: [['', 'Default'], ['SUBTREE', 'The current page\'s folder'], ['TOP', 'Top level only'], ['OFF', 'Everything']] },
      },
      { key: 'SIDEBAR_CUSTOM_MENU', label: 'Custom menu', help: 'Links above the tree, as JSON: [{"link": "/Docs", "title": "Docs"}]. At most 50.', kind: { type: 'textarea' }, fallback: '' },
    ],
  },
  {
    title: 'Pages and links',
    fields: [
      {
        key: 'WIKILINK_STYLE', label: 'Wikilink style', help: 'Which side of [[a|b]] is the page. Changing it re-renders every page.', fallback: '',
        kind: { type: 'choice', options: [['', '[[Title|Page]]'], ['LINKTITLE', '[[Page|Title]]']] },
      },
      { key: 'RETAIN_PAGE_NAME_CASE', label: 'Keep the case of page file names', help: 'New pages keep their capitals in the repository (Otter Wiki\'s RETAIN_PAGE_NAME_CASE).', kind: flag, fallback: 'False' },
      { key: 'TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES', label: 'Underscores are spaces in titles', help: 'A page file my_page.md is titled "My Page".', kind: flag, fallback: 'False' },
      { key: 'RENDERER_HTML_ALLOWLIST', label: 'Extra allowed HTML', help: 'Tags and attributes added to the raw-HTML allow-list, e.g. "kbd, abbr[title]". Scripting elements and event handlers are always refused.', kind: text('kbd, abbr[title]'), fallback: '' },
    ],
  },
  {
    title: 'Commits',
    fields: [
      {
        key: 'COMMIT_MESSAGE', label: 'Commit message', help: 'Whether editors must, may, or cannot write a message when they save.', fallback: 'OPTIONAL',
        kind: { type: 'choice', options: [['OPTIONAL', 'Optional'], ['REQUIRED', 'Required'], ['DISABLED', 'Not asked']] },
      },
      { key: 'DEFAULT_COMMIT_MESSAGE', label: 'Default message', help: 'Used when an editor gives none. Empty: "Updated {page}."', kind: text(), fallback: '' },
    ],
  },
];

export const SETTING_FIELDS: readonly SettingField[] = SETTING_GROUPS.flatMap((group) => group.fields);
