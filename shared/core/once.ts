/**
 * A function that calls `load` the first time and hands back the same promise after that. For
 * lazily imported modules on a request path: a repeated `import()` of a loaded module still goes
 * through the module loader's resolution on every call.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    if (!loaded) {
      const attempt = load();
      loaded = attempt;
      // A failed load (a chunk missing mid-deploy) is tried again by the next call, not kept.
      attempt.catch(() => {
        if (loaded === attempt) loaded = undefined;
      });
    }
    return loaded;
  };
}
