export type Origin = 'static' | 'write' | 'assemble';

/** Which origin the distribution sends a path to (DESIGN §2). */
export function originOf(path: string): Origin {
  const segments = path.split('/');
  const first = segments[1] ?? '';
  if (first === 'static') return 'static';
  if (first === 'api' || first === 'auth' || (first === 'mcp' && segments.length === 2)) return 'write';
  if (segments[3] === '-') return 'write';
  return 'assemble';
}
