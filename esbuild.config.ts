import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';

/** The Lambda functions and their entry points; serverless.yml names the same handlers. */
export const FUNCTION_ENTRIES = {
  write: 'functions/write/handler.ts',
  assemble: 'functions/assemble/handler.ts',
} as const;

/**
 * sql.js finds its WebAssembly binary beside the script that loads it (`__dirname`), so the
 * binary is copied next to every bundle that contains sql.js.
 */
export const copySqlWasm: Plugin = {
  name: 'copy-sql-wasm',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const outdir = build.initialOptions.outdir ?? path.dirname(build.initialOptions.outfile ?? '.');
      const source = require.resolve('sql.js/dist/sql-wasm.wasm');
      fs.mkdirSync(outdir, { recursive: true });
      fs.copyFileSync(source, path.join(outdir, 'sql-wasm.wasm'));
    });
  },
};

/** Options shared by serverless-esbuild and the benchmark's own builds. */
export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  // Prefer ES module builds so esbuild can tree-shake the AWS SDK and micromark.
  mainFields: ['module', 'main'],
  // Everything is bundled, including the AWS SDK: one file loads faster than node_modules.
  external: [],
  legalComments: 'none',
} satisfies BuildOptions;
