import { InvalidInputError } from './errors';
import { parsePageName } from './pagePath';
import { FORBIDDEN_TAGS, isForbiddenAttribute } from './render/htmlAllowlist';

/** What must be republished when a preference changes. `pages` means every page and the sidebar. */
export type SettingEffect = 'shell' | 'sidebar' | 'pages' | 'none';

interface SettingSpec {
  readonly effect: SettingEffect;
  /** Checks a value from JSON and returns the string wiki.db stores; throws InvalidInputError. */
  readonly parse: (value: unknown, key: string) => string;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const text = (max: number) => (value: unknown, key: string) => {
  if (typeof value !== 'string') throw new InvalidInputError(`${key} must be a string.`);
  if (CONTROL.test(value)) throw new InvalidInputError(`${key} may not contain control characters.`);
  if (value.length > max) throw new InvalidInputError(`${key} may be at most ${max} characters.`);
  return value.trim();
};

const oneOf = (...allowed: string[]) => (value: unknown, key: string) => {
  const v = typeof value === 'string' ? value.trim().toUpperCase() : value;
  if (typeof v !== 'string' || !allowed.includes(v)) {
    throw new InvalidInputError(`${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}.`);
  }
  return v;
};

/** Otter Wiki stores checkboxes as "True"/"False"; JSON booleans are accepted too. */
const flag = (value: unknown, key: string) => {
  if (value === true || value === 'True' || value === 'true') return 'True';
  if (value === false || value === 'False' || value === 'false') return 'False';
  throw new InvalidInputError(`${key} must be true or false.`);
};

const url = (value: unknown, key: string) => {
  const v = text(256)(value, key);
  if (v !== '' && !/^(\/(?!\/)|https:\/\/|http:\/\/)\S*$/i.test(v)) {
    throw new InvalidInputError(`${key} must be empty, a root-relative path or an http(s) URL.`);
  }
  return v;
};

const maxDepth = (value: unknown, key: string) => {
  const v = typeof value === 'number' ? String(value) : value;
  if (typeof v !== 'string' || !/^(|\d{1,3})$/.test(v.trim())) throw new InvalidInputError(`${key} must be a whole number or empty.`);
  return v.trim();
};

const language = (value: unknown, key: string) => {
  const v = text(35)(value, key);
  if (v !== '' && !/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(v)) throw new InvalidInputError(`${key} must be a language tag such as "en" or "de-CH".`);
  return v;
};

const homePage = (value: unknown, key: string) => {
  const v = text(256)(value, key);
  if (v === '') return v;
  if (/\.md$/i.test(v)) throw new InvalidInputError(`${key} is a page name, without the .md extension.`);
  parsePageName(v);
  return v;
};

/** SIDEBAR_CUSTOM_MENU: a JSON list of `{link, title, icon?}`, given as a list or as its JSON text. */
const customMenu = (value: unknown, key: string) => {
  let list = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return '[]';
    try {
      list = JSON.parse(value);
    } catch {
      throw new InvalidInputError(`${key} must be a list of {"link", "title", "icon"} entries.`);
    }
  }
  if (!Array.isArray(list) || list.length > 50) throw new InvalidInputError(`${key} must be a list of at most 50 {"link", "title", "icon"} entries.`);
  const entries = list.map((entry: unknown) => {
    const e = entry as Record<string, unknown>;
    if (typeof e !== 'object' || e === null || Object.keys(e).some((k) => !['link', 'title', 'icon'].includes(k))) {
      throw new InvalidInputError(`${key} entries have only "link", "title" and "icon".`);
    }
    const link = text(512)(e.link ?? '', `${key} link`);
    if (/^\s*(javascript|data|vbscript|file):/i.test(link)) throw new InvalidInputError(`${key} links may not use that scheme.`);
    return { link, title: text(256)(e.title ?? '', `${key} title`), icon: text(128)(e.icon ?? '', `${key} icon`) };
  });
  return JSON.stringify(entries);
};

// Tags and attributes Otter Wiki's allow-list format takes: `tag[attr attr], tag2`. What no wiki
// may ever allow is one list, shared with the renderer (render/htmlAllowlist.ts).
const allowList = (value: unknown, key: string) => {
  const v = text(4096)(value, key);
  for (const item of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^([a-z][a-z0-9-]*)(?:\s*\[([a-z0-9_:\s-]*)\])?$/i.exec(item);
    if (!match) throw new InvalidInputError(`${key}: "${item}" is not "tag" or "tag[attribute …]".`);
    if (FORBIDDEN_TAGS.has(match[1]!.toLowerCase())) {
      throw new InvalidInputError(`${key} may not allow <${match[1]}>: it runs script, animates attributes, loads other content or changes the whole page.`);
    }
    const attribute = (match[2] ?? '').split(/\s+/).find((a) => a && (isForbiddenAttribute(a) || /^style$/i.test(a)));
    if (attribute !== undefined) {
      throw new InvalidInputError(`${key} may not allow the "${attribute}" attribute (event handlers, style, srcdoc, namespaces and animation attributes are never allowed).`);
    }
  }
  return v;
};

/** The Otter Wiki preferences this platform understands, by key (DESIGN §3). */
export const SETTINGS: Readonly<Record<string, SettingSpec>> = {
  SITE_NAME: { effect: 'shell', parse: text(256) },
  SITE_LOGO: { effect: 'shell', parse: url },
  SITE_DESCRIPTION: { effect: 'shell', parse: text(256) },
  SITE_ICON: { effect: 'shell', parse: url },
  SITE_LANG: { effect: 'shell', parse: language },
  HOME_PAGE: { effect: 'shell', parse: homePage },
  SIDEBAR_MENUTREE_MODE: { effect: 'sidebar', parse: oneOf('', 'SORTED', 'DIRECTORIES_GROUPED', 'DIRECTORIES_ONLY') },
  SIDEBAR_MENUTREE_IGNORE_CASE: { effect: 'sidebar', parse: flag },
  SIDEBAR_MENUTREE_MAXDEPTH: { effect: 'sidebar', parse: maxDepth },
  SIDEBAR_MENUTREE_FOCUS: { effect: 'sidebar', parse: oneOf('', 'SUBTREE', 'TOP', 'OFF') },
  SIDEBAR_CUSTOM_MENU: { effect: 'sidebar', parse: customMenu },
  WIKILINK_STYLE: { effect: 'pages', parse: oneOf('', 'LINKTITLE') },
  RENDERER_HTML_ALLOWLIST: { effect: 'pages', parse: allowList },
  RETAIN_PAGE_NAME_CASE: { effect: 'pages', parse: flag },
  TREAT_UNDERSCORE_AS_SPACE_FOR_TITLES: { effect: 'pages', parse: flag },
  COMMIT_MESSAGE: { effect: 'none', parse: oneOf('REQUIRED', 'OPTIONAL', 'DISABLED') },
  DEFAULT_COMMIT_MESSAGE: { effect: 'none', parse: text(256) },
};

/** Validates a `settings` object from the API; returns the values to store. */
export function parseSettings(input: unknown): Record<string, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidInputError('"settings" must be an object of preference names to values.');
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    const spec = SETTINGS[key];
    if (!spec) {
      throw new InvalidInputError(`Unknown setting "${key}"; known settings: ${Object.keys(SETTINGS).join(', ')}.`);
    }
    out[key] = spec.parse(value, key);
  }
  return out;
}

/** What to republish after `changed` keys took new values. */
export function effectsOf(changed: Iterable<string>): { shell: boolean; sidebar: boolean; pages: boolean } {
  const effects = new Set([...changed].map((key) => SETTINGS[key]?.effect ?? 'none'));
  return {
    shell: effects.has('shell'),
    sidebar: effects.has('sidebar') || effects.has('pages'),
    pages: effects.has('pages'),
  };
}

/** The known preferences of a wiki (others, e.g. an imported wiki's mail settings, stay private). */
export function knownSettings(prefs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(SETTINGS).filter((k) => k in prefs).map((k) => [k, prefs[k]!]));
}
