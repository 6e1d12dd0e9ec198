import { WikibotError } from '../../../shared/core/errors';
import { renderCreateForm } from '../../../shared/core/views/forms';
import { viewHref } from '../../../shared/core/views/format';
import { parsePageName } from '../../../shared/core/pagePath';
import { openFrame, type Frame, type ViewHandler } from '../views/frame';
import { readPage } from '../views/pageInfo';
import { redirect } from '../views/respond';
import { namingOf } from '../naming';
import { postedForm } from './common';

function createPage(frame: Frame, status: number, name?: string, error?: string) {
  return frame.respond(status, {
    title: 'Create a page',
    label: 'Create page',
    current: 'create',
    noindex: true,
    content: renderCreateForm({ basePath: frame.base, csrf: frame.csrf(), name, error }),
  });
}

/** GET /{user}/{wiki}/-/create: asks for the new page's name (editors and admins). */
export const createFormView: ViewHandler = async (view) => createPage(await openFrame(view, 'write'), 200);

/**
 * POST /{user}/{wiki}/-/create: checks the name (Otter Wiki's naming rules) and that no such page
 * exists, then opens the editor on it; the page is made by its first save.
 */
export const createView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  const form = await postedForm(frame, 64 * 1024);
  const name = (form.get('pagename') ?? '').trim();
  try {
    const page = parsePageName(name, namingOf(frame.prefs));
    if ((await readPage(frame, page)) !== undefined) {
      return createPage(frame, 409, name, `A page named "${page.name}" already exists; choose another name, or edit that page.`);
    }
    return redirect(viewHref(frame.base, 'edit', page.name), frame.headers());
  } catch (error) {
    if (error instanceof WikibotError && error.code === 'invalid_input') return createPage(frame, 400, name, error.message);
    throw error;
  }
};
