import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';

/** The Lambda functions and their entry points; serverless.yml names the same handlers. */
export const FUNCTION_ENTRIES = {
  write: 'functions/write/handler.ts',
  assemble: 'functions/assemble/handler.ts',
} as const;

/** Files of the sql.js package; seeing one load means the bundle contains sql.js. */
const SQL_JS_FILE = /[\\/]node_modules[\\/]sql\.js[\\/]/;

/**
 * sql.js finds its WebAssembly binary beside the script that loads it (`__dirname`), so the
 * binary is copied next to every bundle that contains sql.js (and only those: the assemble
 * bundle must not carry a megabyte it never loads).
 */
export const copySqlWasm: Plugin = {
  name: 'copy-sql-wasm',
  setup(build) {
    let containsSqlJs = false;
    build.onStart(() => {
      containsSqlJs = false;
    });
    // Observes only: returning nothing lets esbuild load the file as usual.
    build.onLoad({ filter: SQL_JS_FILE }, () => {
      containsSqlJs = true;
      return undefined;
    });
    build.onEnd((result) => {
      if (result.errors.length > 0 || !containsSqlJs) return;
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
  // The Lambda runtime is nodejs22.x, but the same bundles run locally on Node 20
  // (`sls invoke local`, the benchmark), so they target the older of the two.
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

/**
 * What serverless-esbuild wants from `custom.esbuild.config`: a function of the Serverless
 * instance returning its options, i.e. esbuild's build options plus the plugin's own keys.
 * `plugins` is an array of esbuild plugin objects (the plugin also accepts a path to a module,
 * which it would load with plain `require()`). tools/serverless-esbuild-config.js loads this
 * TypeScript file for serverless-esbuild, which cannot require `.ts` itself.
 */
export function serverlessEsbuildConfig(): BuildOptions & Record<string, unknown> {
  return {
    ...esbuildOptions,
    plugins: [copySqlWasm],
    // serverless-esbuild's default `exclude: ['aws-sdk']` would mark the v2 SDK external; this
    // code uses only the bundled v3 SDK, so nothing is external and nothing is `npm install`ed.
    exclude: [],
    packager: 'npm',
  };
}
