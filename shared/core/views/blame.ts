import { diffArrays } from 'diff';
import { escapeHtml } from '../html';
import { splitLines } from './diff';
import { authorLabel, formatDate, shortRevision, subjectOf, viewHref } from './format';

/**
 * Blame: which commit last changed each line of a page. Git stores snapshots, not line history,
 * so it is computed from the page's versions, oldest first: the first version's lines belong to
 * its commit; each later version is diffed against the one before (Myers, via `diff`), unchanged
 * lines keep their commit and added lines take the new one.
 *
 * Cost: one blob read and one line diff per version, so O(versions × diff). Callers cap the number
 * of versions (the oldest one considered then owns every line that predates it, and the result
 * says so), and each diff has a time budget past which the newer version counts as rewritten.
 */

export interface BlameCommit {
  readonly revision: string;
  readonly author: { readonly name: string; readonly email: string };
  readonly date: string;
  readonly message: string;
}

export interface BlameVersion<C> {
  readonly commit: C;
  readonly text: string;
}

export interface BlameLine<C> {
  readonly text: string;
  readonly commit: C;
}

export interface BlameResult<C> {
  readonly lines: readonly BlameLine<C>[];
  /** A diff ran out of time: some lines are attributed to a later commit than the one that wrote them. */
  readonly approximate: boolean;
}

/** Attributes the last version's lines to commits; `versions` oldest first. */
export function computeBlame<C>(versions: readonly BlameVersion<C>[], options: { timeoutMs?: number } = {}): BlameResult<C> {
  let current: BlameLine<C>[] = [];
  let approximate = false;
  versions.forEach((version, index) => {
    const lines = splitLines(version.text);
    if (index === 0) {
      current = lines.map((text) => ({ text, commit: version.commit }));
      return;
    }
    const changes = diffArrays(current.map((l) => l.text), lines, { timeout: options.timeoutMs ?? 500 });
    if (!changes) {
      approximate = true;
      current = lines.map((text) => ({ text, commit: version.commit }));
      return;
    }
    const next: BlameLine<C>[] = [];
    let at = 0;
    for (const change of changes) {
      if (change.removed) at += change.value.length;
      else if (change.added) for (const text of change.value) next.push({ text, commit: version.commit });
      else for (const text of change.value) next.push({ text, commit: current[at++]!.commit });
    }
    current = next;
  });
  return { lines: current, approximate };
}

export interface BlameViewOptions {
  readonly basePath: string;
  readonly page: string;
  readonly result: BlameResult<BlameCommit>;
  /** Versions left out because of the cap: the oldest shown commit also stands for them. */
  readonly truncated: boolean;
}

/** The blame table: runs of lines from one commit share a header cell (revision, author, date, message). */
export function renderBlame(options: BlameViewOptions): string {
  const { basePath, page, result } = options;
  if (result.lines.length === 0) return '<p>The page is empty.</p>';
  const rows: string[] = [];
  let band = 0;
  // Runs of consecutive lines from one commit share one header cell (rowspan).
  for (let start = 0; start < result.lines.length;) {
    const c = result.lines[start]!.commit;
    let end = start + 1;
    while (end < result.lines.length && result.lines[end]!.commit.revision === c.revision) end++;
    band = 1 - band;
    const who = `<a class="wb-rev" href="${escapeHtml(viewHref(basePath, 'commit', undefined, { revision: c.revision }))}">${escapeHtml(shortRevision(c.revision))}</a> ${authorLabel(c.author)} <span class="wb-faint">${escapeHtml(formatDate(c.date))}</span><br><span class="wb-blame-msg">${escapeHtml(subjectOf(c.message))}</span>`;
    for (let i = start; i < end; i++) {
      const head = i === start ? `<td class="wb-blame-commit" rowspan="${end - start}">${who}</td>` : '';
      rows.push(`<tr class="wb-blame-${band ? 'a' : 'b'}${i === start ? ' wb-blame-first' : ''}">${head}<td class="wb-ln">${i + 1}</td><td class="wb-diff-code">${escapeHtml(result.lines[i]!.text)}</td></tr>`);
    }
    start = end;
  }
  const notes: string[] = [];
  if (options.truncated) notes.push('This page has a long history: only its latest versions were compared, so the oldest commit shown also stands for the lines written before it.');
  if (result.approximate) notes.push('Some versions differed too much to compare line by line; their lines are shown as written by the later commit.');
  const note = notes.length ? `<p class="wb-faint">${notes.map(escapeHtml).join(' ')}</p>` : '';
  return `${note}<div class="wb-diff-scroll"><table class="wb-diff wb-blame" aria-label="Blame of ${escapeHtml(page)}"><tbody>${rows.join('')}</tbody></table></div>`;
}
