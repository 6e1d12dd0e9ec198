import type { Metafile } from 'esbuild';
import type { BuiltBundle } from '../../bench/build-bundles';
import { checkOffLoadPath } from '../../bench/bundleChecks';

type Imports = Record<string, [string, 'import-statement' | 'dynamic-import'][]>;

/** A code-split bundle as esbuild describes it: the handler, and a chunk per import() target. */
function bundle(imports: Imports): BuiltBundle {
  const inputs: Metafile['inputs'] = {};
  for (const [file, edges] of Object.entries(imports)) {
    inputs[file] = { bytes: 10, imports: edges.map(([path, kind]) => ({ path, kind, original: path })) };
    for (const [path] of edges) inputs[path] ??= { bytes: 10, imports: [] };
  }
  const outputs: Metafile['outputs'] = {
    '.build/write/handler.mjs': { bytes: 10, inputs: {}, imports: [], exports: ['handler'], entryPoint: 'functions/write/handler.ts' },
    // import() targets are entry points too, but their outputs are chunks.
    '.build/write/chunk-ABC123.mjs': { bytes: 10, inputs: {}, imports: [], exports: [], entryPoint: 'shared/core/render/renderPage.ts' },
  };
  return { name: 'write', entry: 'functions/write/handler.ts', file: '', bytes: 0, gzipBytes: 0, chunks: [], extras: [], metafile: { inputs, outputs } };
}

describe('bench/bundleChecks checkOffLoadPath', () => {
  it('passes a package reached only through import(), even from a chunk that imports it statically', () => {
    const checks = checkOffLoadPath(bundle({
      'functions/write/handler.ts': [['functions/write/app.ts', 'import-statement'], ['shared/core/render/renderPage.ts', 'dynamic-import']],
      'shared/core/render/renderPage.ts': [['node_modules/katex/dist/katex.js', 'import-statement']],
    }), ['katex', '@aws-sdk/*']);
    expect(checks.map((c) => [c.name, c.ok])).toEqual([['write evaluates no katex at load', true], ['write evaluates no @aws-sdk/* at load', true]]);
  });

  it('fails a package the handler reaches without an import(), and names the file', () => {
    const [check] = checkOffLoadPath(bundle({
      'functions/write/handler.ts': [['functions/write/app.ts', 'import-statement']],
      'functions/write/app.ts': [['node_modules/@aws-sdk/client-s3/dist-es/index.js', 'import-statement']],
    }), ['@aws-sdk/*']);
    expect(check!.ok).toBe(false);
    expect(check!.details).toEqual(['loaded at module load: node_modules/@aws-sdk/client-s3/dist-es/index.js']);
  });
});
