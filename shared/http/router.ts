/**
 * A route table matcher. Paths are written like OpenAPI paths: `{name}` is one segment and
 * `{name+}` one or more (a page path with slashes). A `-` segment separates a page path from
 * what follows it (`/pages/{page+}/-/history`), so `{name+}` never swallows one.
 */
export interface RouteSpec {
  readonly method: string;
  readonly path: string;
}

export type RouteMatch<R extends RouteSpec> =
  | { readonly route: R; readonly params: Readonly<Record<string, string>> }
  | { readonly route?: undefined; readonly allowed: readonly string[] };

const SEPARATOR = '-';

/** Finds the route for a method and decoded path segments; `allowed` lists the methods of a path that exists. */
export function matchRoute<R extends RouteSpec>(routes: readonly R[], method: string, segments: readonly string[]): RouteMatch<R> | undefined {
  const allowed: string[] = [];
  for (const route of routes) {
    const params: Record<string, string> = {};
    if (!matchSegments(splitPath(route.path), segments, 0, 0, params)) continue;
    if (route.method === method) return { route, params };
    if (!allowed.includes(route.method)) allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** `/pages/{page+}` → `/pages/{page}`: the OpenAPI spelling of a route path. */
export function openApiPath(path: string): string {
  return path.replace(/\{(\w+)\+\}/g, '{$1}');
}

function matchSegments(pattern: readonly string[], segments: readonly string[], pi: number, si: number, params: Record<string, string>): boolean {
  if (pi === pattern.length) return si === segments.length;
  const part = pattern[pi]!;
  const name = /^\{(\w+)(\+?)\}$/.exec(part);
  if (!name) return segments[si] === part && matchSegments(pattern, segments, pi + 1, si + 1, params);
  if (!name[2]) {
    const value = segments[si];
    if (value === undefined || value === SEPARATOR) return false;
    params[name[1]!] = value;
    return matchSegments(pattern, segments, pi + 1, si + 1, params);
  }
  let end = si;
  while (end < segments.length && segments[end] !== SEPARATOR) end++;
  for (; end > si; end--) {
    if (matchSegments(pattern, segments, pi + 1, end, params)) {
      params[name[1]!] = segments.slice(si, end).join('/');
      return true;
    }
  }
  return false;
}
