import { WikibotError } from '../../../shared/core/errors';
import { renderSearch } from '../../../shared/core/views/search';
import { openFrame, type ViewHandler } from './frame';
import { searchWiki } from '../commands/search';

const MAX_RESULTS = 50;
const MAX_QUERY = 1000;

/**
 * GET /{user}/{wiki}/-/search?q=&case=1&regex=1: full-text search over the current pages
 * (searchWiki: the page index's ranked search, snippets with the matched words marked). A GET form, so a search
 * has a URL and works without JavaScript; the shell's search box lands here.
 */
export const searchView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const query = (view.request.query.get('q') ?? '').slice(0, MAX_QUERY);
  const matchCase = view.request.query.get('case') === '1';
  const regex = view.request.query.get('regex') === '1';
  const base = { basePath: frame.base, query, matchCase, regex };
  let content: string;
  let status = 200;
  if (query.trim() === '') {
    content = renderSearch(base);
  } else {
    try {
      const found = await searchWiki(frame.ctx, frame.id, { q: query, matchCase, regex, limit: MAX_RESULTS });
      content = renderSearch({
        ...base,
        elapsedMs: found.tookMs,
        total: found.total,
        complete: found.complete,
        results: found.hits.map((hit) => ({ path: hit.path, titleHtml: hit.titleHtml, snippets: hit.snippets })),
      });
    } catch (error) {
      // A bad regular expression or one that ran out of time: say so on the form.
      if (!(error instanceof WikibotError) || error.code !== 'invalid_input') throw error;
      status = 400;
      content = renderSearch({ ...base, error: error.message });
    }
  }
  return frame.respond(status, {
    title: query ? `Search: ${query}` : 'Search',
    label: 'Search',
    current: 'search',
    noindex: true,
    content,
  });
};
