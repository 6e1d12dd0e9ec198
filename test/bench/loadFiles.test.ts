import type { Metafile } from 'esbuild';
import type { BuiltBundle } from '../../bench/build-bundles';
import { checkLoadFiles, filesReadAtLoad } from '../../bench/loadFiles';

type Output = Metafile['outputs'][string];
const output = (imports: Output['imports'], entryPoint?: string): Output => ({ bytes: 10, inputs: {}, imports, exports: [], ...(entryPoint ? { entryPoint } : {}) });

/** A code-split write bundle: the handler, a shared chunk it imports, and an import() target that imports node:https. */
const bundle: BuiltBundle = {
  name: 'write', entry: 'functions/write/handler.ts', file: '', bytes: 0, gzipBytes: 0, chunks: [], extras: [],
  metafile: {
    inputs: {},
    outputs: {
      '.build/write/handler.mjs': output([
        { path: '.build/write/chunk-SHARED.mjs', kind: 'import-statement' },
        { path: '.build/write/chunk-WIRING.mjs', kind: 'dynamic-import' },
      ], 'functions/write/handler.ts'),
      '.build/write/chunk-SHARED.mjs': output([{ path: 'node:fs', kind: 'import-statement', external: true }]),
      '.build/write/chunk-WIRING.mjs': output([
        { path: '.build/write/chunk-SHARED.mjs', kind: 'import-statement' },
        { path: 'node:https', kind: 'import-statement', external: true },
      ], 'functions/write/instance.ts'),
    },
  },
};

describe('bench/loadFiles', () => {
  it('follows static imports from the entry and stops at import()', () => {
    expect(filesReadAtLoad(bundle)).toEqual({ files: ['.build/write/handler.mjs', '.build/write/chunk-SHARED.mjs'], builtins: ['fs'] });
  });

  it('fails a bundle over its file limit or importing a listed built-in at load, and names what it found', () => {
    const [files, builtins] = checkLoadFiles(bundle, 1, ['fs']);
    expect([files!.ok, builtins!.ok]).toEqual([false, false]);
    expect(files!.details).toEqual(['2 files: handler.mjs, chunk-SHARED.mjs']);
    expect(checkLoadFiles(bundle, 2, ['https']).map((c) => c.ok)).toEqual([true, true]);
  });
});
