import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';

/**
 * `sls invoke local` (osls) loads a handler with `require()`, then tries `<handler>.cjs`; it
 * cannot load the `.mjs` handlers the functions are deployed as. This writes, beside each entry
 * bundle, a `.cjs` file whose exports import the very same `.mjs` on first call, so the local
 * invocation runs the deployed artifact. serverless.yml packages only `.js`, `.mjs` and `.wasm`
 * files: the shim never reaches Lambda.
 */
export const invokeLocalShim: Plugin = {
  name: 'invoke-local-shim',
  setup(build) {
    build.initialOptions.metafile = true;
    build.onEnd((result) => {
      if (result.errors.length > 0 || !result.metafile) return;
      const root = build.initialOptions.absWorkingDir ?? process.cwd();
      // Only the configured entries: the chunks of dynamic imports are entry points to esbuild too.
      const entries = new Set(entryFiles(build.initialOptions.entryPoints).map((e) => path.resolve(root, e)));
      for (const [output, meta] of Object.entries(result.metafile.outputs)) {
        if (!meta.entryPoint || !entries.has(path.resolve(root, meta.entryPoint)) || !output.endsWith('.mjs')) continue;
        const file = path.resolve(root, output);
        fs.writeFileSync(file.replace(/\.mjs$/, '.cjs'), shimFor(path.basename(file)));
      }
    });
  },
};

function entryFiles(entryPoints: BuildOptions['entryPoints']): string[] {
  if (!entryPoints) return [];
  if (!Array.isArray(entryPoints)) return Object.values(entryPoints);
  return entryPoints.map((e) => (typeof e === 'string' ? e : e.in));
}

/** Every export name becomes a function that imports the ES module once and calls its export. */
export function shimFor(moduleFile: string): string {
  return `'use strict';
// Written by tools/invokeLocalShim.ts for \`sls invoke local\`: the handler is ./${moduleFile}.
let loaded;
const load = () => (loaded ??= import('./${moduleFile}'));
module.exports = new Proxy({}, {
  get: (_, name) => (typeof name === 'string' && name !== 'then' ? async (...args) => (await load())[name](...args) : undefined),
});
`;
}
