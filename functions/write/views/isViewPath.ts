/**
 * Whether a request is for a dynamic view, `/{user}/{wiki}/-/…` (DESIGN §2). Its own tiny module:
 * app.ts checks it on every request without loading the views.
 */
export function isViewPath(segments: readonly string[]): boolean {
  return segments.length >= 3 && segments[2] === '-' && !['api', 'auth', 'mcp', 'static'].includes(segments[0]!);
}
