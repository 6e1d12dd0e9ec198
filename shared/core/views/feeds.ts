import { escapeHtml } from '../html';
import type { ChangelogEntry } from './changelog';
import { subjectOf, viewHref } from './format';

/**
 * The changelog as RSS 2.0 and Atom 1.0 feeds. Links must be absolute, so the caller passes the
 * site's origin (`https://wiki.example`). XML text is escaped like HTML: `&`, `<`, `>` and quotes
 * are the characters XML needs escaped too; control characters XML 1.0 forbids are dropped.
 */

export interface FeedOptions {
  /** `https://host`, without a trailing slash. */
  readonly origin: string;
  readonly basePath: string;
  readonly siteName: string;
  readonly entries: readonly ChangelogEntry[];
  /** When the feed was made (for an empty feed's `updated`). */
  readonly now: Date;
}

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 (minus the surrogates and U+FFFE/F).
const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const xml = (text: string) => escapeHtml(text.replace(INVALID_XML, ''));

function commitUrl(options: FeedOptions, revision: string): string {
  return `${options.origin}${viewHref(options.basePath, 'commit', undefined, { revision })}`;
}

function description(entry: ChangelogEntry): string {
  const files = entry.files.length ? `\n\nChanged: ${entry.files.join(', ')}` : '';
  return `${entry.message}${files}`;
}

export function renderRss(options: FeedOptions): string {
  const wiki = `${options.origin}${options.basePath}/`;
  const items = options.entries.map((entry) => `<item>
<title>${xml(subjectOf(entry.message))}</title>
<link>${xml(commitUrl(options, entry.revision))}</link>
<guid isPermaLink="false">${xml(entry.revision)}</guid>
<pubDate>${new Date(entry.date).toUTCString()}</pubDate>
<author>${xml(`${entry.author.email} (${entry.author.name})`)}</author>
<description>${xml(description(entry))}</description>
</item>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(`${options.siteName} changelog`)}</title>
<link>${xml(wiki)}</link>
<atom:link href="${xml(`${options.origin}${viewHref(options.basePath, 'changelog/feed.rss')}`)}" rel="self" type="application/rss+xml"/>
<description>${xml(`Recent changes to ${options.siteName}`)}</description>
${options.entries[0] ? `<lastBuildDate>${new Date(options.entries[0].date).toUTCString()}</lastBuildDate>\n` : ''}${items.join('\n')}
</channel>
</rss>
`;
}

export function renderAtom(options: FeedOptions): string {
  const wiki = `${options.origin}${options.basePath}/`;
  const updated = options.entries[0]?.date ?? options.now.toISOString();
  const entries = options.entries.map((entry) => `<entry>
<title>${xml(subjectOf(entry.message))}</title>
<id>${xml(`${wiki}-/commit/${entry.revision}`)}</id>
<link href="${xml(commitUrl(options, entry.revision))}"/>
<updated>${xml(entry.date)}</updated>
<author><name>${xml(entry.author.name || entry.author.email)}</name></author>
<content type="text">${xml(description(entry))}</content>
</entry>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${xml(`${options.siteName} changelog`)}</title>
<id>${xml(wiki)}</id>
<link href="${xml(wiki)}"/>
<link rel="self" href="${xml(`${options.origin}${viewHref(options.basePath, 'changelog/feed.atom')}`)}"/>
<updated>${xml(updated)}</updated>
${entries.join('\n')}
</feed>
`;
}
