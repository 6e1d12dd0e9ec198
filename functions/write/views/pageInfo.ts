import type { PagePath } from '../../../shared/core/pagePath';
import { isUtf8 } from 'node:buffer';
import { NotFoundError } from '../../../shared/core/errors';
import { pageTitle } from '../naming';
import type { Frame } from './frame';

const decoder = new TextDecoder();

/** A page's markdown at a revision (default: head), or undefined when it does not exist there. */
export async function readPage(frame: Frame, page: PagePath, revision?: string): Promise<string | undefined> {
  const file = await frame.ctx.deps.repos.open(frame.id).readFile(page.file, revision);
  return file ? decoder.decode(file.content) : undefined;
}

/** The page's title at the head (its first heading, else the title-cased name); its name when it is gone. */
export async function titleOf(frame: Frame, page: PagePath): Promise<string> {
  const content = await readPage(frame, page);
  return content === undefined ? page.name : pageTitle(page.file, content, frame.prefs);
}

/** Text for a text file, undefined for binary content (NUL bytes or invalid UTF-8). */
export function textOf(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0) || !isUtf8(bytes)) return undefined;
  return decoder.decode(bytes);
}

export function pageNotFound(frame: Frame, page: PagePath): NotFoundError {
  return new NotFoundError(`There is no page "${page.name}" in ${frame.id.user}/${frame.id.wiki}.`);
}

/** A query parameter, or undefined when absent or empty. */
export function param(frame: Frame, name: string): string | undefined {
  const value = frame.view.request.query.get(name);
  return value === null || value === '' ? undefined : value;
}
