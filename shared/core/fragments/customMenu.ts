import { escapeHtml } from '../html';
import { pageHref } from '../render/pageHref';
import { isHarmfulUrl } from '../render/safeUrl';

interface MenuEntry {
  readonly link?: unknown;
  readonly title?: unknown;
  readonly icon?: unknown;
}

const EXTERNAL = /^(?:(?:https?):\/\/|mailto:)\S+/i;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * Otter Wiki's SIDEBAR_CUSTOM_MENU (a JSON list of `{link, title, icon}`): `---` is a separator,
 * an empty link goes to the page named by the title, `http(s)://` and `mailto:` links go out,
 * anything else is a page of the wiki. Icons are Font Awesome markup in Otter Wiki, which we do
 * not ship; a plain-text icon (an emoji) is shown.
 */
export function renderCustomMenu(json: string | undefined, basePath: string): string {
  let entries: unknown;
  try {
    entries = JSON.parse(json || '[]');
  } catch {
    return '';
  }
  if (!Array.isArray(entries)) return '';
  const items: string[] = [];
  for (const entry of entries as MenuEntry[]) {
    const link = text(entry?.link);
    const title = text(entry?.title);
    const icon = text(entry?.icon);
    if (link === '---' && !title && !icon) {
      items.push('<li class="wb-menu-separator" role="separator"></li>');
      continue;
    }
    if (!link && !title) continue;
    const href = !link ? pageHref(basePath, title) : EXTERNAL.test(link) && !isHarmfulUrl(link) ? link : pageHref(basePath, link);
    const prefix = icon && !icon.includes('<') ? `<span class="wb-menu-icon" aria-hidden="true">${escapeHtml(icon)}</span>` : '';
    items.push(`<li><a href="${escapeHtml(href)}">${prefix}${escapeHtml(title || link)}</a></li>`);
  }
  return items.length ? `<ul class="wb-custom-menu">${items.join('')}</ul>` : '';
}
