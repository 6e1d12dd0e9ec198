export type Origin = 'static' | 'write' | 'attachment' | 'assemble';

/**
 * Which origin the distribution sends a path to (DESIGN §2). Attachments,
 * `/{user}/{wiki}/{Page…}/a/{file}`, come straight from the bucket (docs/api.md): at least one
 * page segment, then `a`, then the file name.
 */
export function originOf(path: string): Origin {
  const segments = path.split('/');
  const first = segments[1] ?? '';
  if (first === 'static') return 'static';
  if (first === 'api' || first === 'auth' || (first === 'mcp' && segments.length === 2)) return 'write';
  // resources/cloudfront.yml `/*/*/-/sidebar/*`, before the views: a wiki's page tree.
  if (segments[3] === '-' && segments[4] === 'sidebar' && segments.length >= 6) return 'assemble';
  if (isGitRepoPath(path)) return 'write';
  if (segments[3] === '-') return 'write';
  const last = segments.length - 1;
  if (last >= 5 && segments[last - 1] === 'a' && segments[last] !== '' && segments[3] !== '') return 'attachment';
  return 'assemble';
}

/** Whether the distribution runs the edge gate for a path: pages, dynamic views and /auth (not /api, /mcp, /static). */
export function gatedByEdge(path: string): boolean {
  const first = path.split('/')[1] ?? '';
  return first !== 'static' && first !== 'api' && first !== 'mcp' && !isGitRepoPath(path);
}

/**
 * `/{user}/{wiki}.git/…` (the distribution's git behaviour): git's smart HTTP, straight to
 * the write function, which checks the git client's own credentials (Basic), not the edge's cookie.
 */
function isGitRepoPath(path: string): boolean {
  return /^\/[^/]+\/[^/]+\.git\//.test(path);
}
