/**
 * A small least-recently-used cache for pure, costly functions of a string. A save re-renders a
 * whole page although an edit usually changes a few lines, so the formulas and code blocks it
 * typeset or highlighted last time are found here. Bounded, so a long-lived write function does
 * not grow.
 */
export function memoize<T>(compute: (key: string) => T, capacity = 500): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const value = compute(key);
    cache.set(key, value);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return value;
  };
}
