import type { Metafile } from 'esbuild';
import type { BuiltBundle } from './build-bundles';
import type { CheckResult } from './bundleChecks';

/**
 * Issue 14: how much of a code-split bundle its cold start reads. Each file an ES module import
 * reaches costs a resolve, a read and a compile of its own (about half a millisecond on Node 20
 * even for a tiny chunk), and esbuild hoists code shared with any `import()` target into chunks
 * the entry imports statically; so the write handler keeps its wiring behind an `import()`
 * (functions/write/instance.ts) and this check holds it there. Node's built-ins are counted
 * apart: `node:https` or `node:zlib` at load compile several internal modules each.
 */
export const LOAD_FILES: Readonly<Record<string, { readonly maxFiles: number; readonly forbiddenBuiltins: readonly string[] }>> = {
  write: { maxFiles: 6, forbiddenBuiltins: ['http', 'https', 'zlib', 'crypto'] },
};

/** The output files an `import()` of the bundle reads: its entry file and the chunks it imports statically. */
export function filesReadAtLoad(bundle: BuiltBundle): { files: string[]; builtins: string[] } {
  const outputs: Metafile['outputs'] = bundle.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]!.entryPoint === bundle.entry && !/(^|\/)chunk-[^/]*$/.test(file));
  if (!entry) throw new Error(`No output of ${bundle.entry} in the ${bundle.name} metafile.`);
  const files = new Set([entry]);
  const builtins = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    for (const imp of outputs[queue.shift()!]!.imports) {
      if (imp.kind !== 'import-statement' && imp.kind !== 'require-call') continue;
      if (imp.external) builtins.add(imp.path.replace(/^node:/, ''));
      else if (!files.has(imp.path)) {
        files.add(imp.path);
        queue.push(imp.path);
      }
    }
  }
  return { files: [...files], builtins: [...builtins].sort() };
}

export function checkLoadFiles(bundle: BuiltBundle, maxFiles: number, forbiddenBuiltins: readonly string[]): CheckResult[] {
  const { files, builtins } = filesReadAtLoad(bundle);
  const forbidden = builtins.filter((b) => forbiddenBuiltins.includes(b));
  return [
    {
      bundle: bundle.name,
      name: `${bundle.name} reads at most ${maxFiles} files at load`,
      ok: files.length <= maxFiles,
      details: [`${files.length} files: ${files.map((f) => f.replace(/^.*\//, '')).join(', ')}`],
    },
    {
      bundle: bundle.name,
      name: `${bundle.name} imports none of node:${forbiddenBuiltins.join(', node:')} at load`,
      ok: forbidden.length === 0,
      details: [builtins.length > 0 ? `built-ins at load: ${builtins.join(', ')}` : 'no built-ins at load'],
    },
  ];
}
