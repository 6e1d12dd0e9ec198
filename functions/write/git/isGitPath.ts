/**
 * `/{user}/{wiki}.git/…`: a wiki's repository over smart HTTP. A page path can never look like
 * this: wiki names have no `.`, so `{wiki}.git` is never a wiki, and pages live under `/{user}/{wiki}/`.
 */
export function isGitPath(segments: readonly string[]): boolean {
  return segments.length >= 3 && /^[a-z0-9][a-z0-9-]{0,62}\.git$/.test(segments[1] ?? '');
}
