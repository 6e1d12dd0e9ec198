import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { invokeLocalShim } from './tools/invokeLocalShim';

/** The Lambda functions and their entry points; serverless.yml names the same handlers. */
export const FUNCTION_ENTRIES = {
  write: 'functions/write/handler.ts',
  assemble: 'functions/assemble/handler.ts',
  backfill: 'functions/backfill/handler.ts',
  edgeSync: 'functions/edge-sync/handler.ts',
  invalidate: 'functions/invalidate/handler.ts',
  edgeAuthLambda: 'functions/edge-auth/lambdaEdge.ts',
} as const;

/**
 * The CloudFront Function (viewer-request, cloudfront-js-2.0) is not a Lambda bundle: one ES module
 * script for the njs-based runtime, built by functions/edge-auth/build.ts with these options. The
 * runtime's own modules stay imports; syntax the runtime (and Debian's njs, which CI runs it
 * under) lacks is lowered, or fails the build where esbuild cannot lower it (destructuring,
 * default/rest parameters, for-of, classes). Template literals are lowered because osls would
 * try to resolve any `${…}` in the code that serverless.yml inlines.
 */
export const CLOUDFRONT_FUNCTION_ENTRY = 'functions/edge-auth/cloudfront.ts';
export const cloudFrontFunctionOptions = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  external: ['cloudfront', 'crypto'],
  supported: {
    'template-literal': false,
    destructuring: false,
    'default-argument': false,
    'rest-argument': false,
    'object-rest-spread': false,
    'optional-chain': false,
    'nullish-coalescing': false,
    'optional-catch-binding': false,
    'for-of': false,
    class: false,
    'async-generator': false,
    generator: false,
    'regexp-named-capture-groups': false,
    'logical-assignment': false,
  },
} satisfies BuildOptions;

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

/** Single-file CommonJS bundles (the tests' builds of the edge gate and of child writers); lambdaEsbuildOptions builds on them. */
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
 * The Lambda functions' bundles: ES modules with code splitting, so each `import()` (a route
 * family, isomorphic-git, sql.js, the renderer, the AWS SDK clients some paths still use) becomes
 * a chunk of its own beside the handler that is read and compiled only when a request first
 * needs it. The handler's own file then holds only what every request runs, and a cold start
 * loads in a few milliseconds (bench/coldLoad.ts). The banner gives the CommonJS packages inside
 * (sql.js finds its .wasm through `__dirname`; several `require()` Node's built-ins) what Node's
 * ES modules lack; it is repeated at the top of every chunk, each a module scope of its own.
 */
export const LAMBDA_OUT_EXTENSION = '.mjs';
const ESM_BANNER = [
  "import { createRequire as __wbCreateRequire } from 'node:module';",
  "import { fileURLToPath as __wbFileURLToPath } from 'node:url';",
  "import { dirname as __wbDirname } from 'node:path';",
  'const require = __wbCreateRequire(import.meta.url);',
  'const __filename = __wbFileURLToPath(import.meta.url);',
  'const __dirname = __wbDirname(__filename);',
].join('\n');
export const lambdaEsbuildOptions = {
  ...esbuildOptions,
  format: 'esm',
  splitting: true,
  outExtension: { '.js': LAMBDA_OUT_EXTENSION },
  chunkNames: 'chunk-[hash]',
  banner: { js: ESM_BANNER },
} satisfies BuildOptions;

/**
 * What serverless-esbuild wants from `custom.esbuild.config`: a function of the Serverless
 * instance returning its options, i.e. esbuild's build options plus the plugin's own keys.
 * `plugins` is an array of esbuild plugin objects (the plugin also accepts a path to a module,
 * which it would load with plain `require()`). tools/serverless-esbuild-config.js loads this
 * TypeScript file for serverless-esbuild, which cannot require `.ts` itself.
 */
export function serverlessEsbuildConfig(serverless?: { service?: { custom?: { edgeAuth?: Record<string, unknown> } } }): BuildOptions & Record<string, unknown> {
  const { outExtension: _, ...lambda } = lambdaEsbuildOptions;
  return {
    ...lambda,
    // serverless-esbuild sets esbuild's outExtension from this (and names the handler file by it).
    outputFileExtension: LAMBDA_OUT_EXTENSION,
    // Only the Lambda@Edge gate reads it (it has no environment variables); see custom.edgeAuth.
    define: { __WIKIBOT_EDGE__: JSON.stringify(edgeLambdaSettingsOf(serverless?.service?.custom?.edgeAuth ?? {})) },
    // The .cjs shim lets `sls invoke local` (osls requires handlers) run the .mjs bundles.
    plugins: [copySqlWasm, invokeLocalShim],
    // serverless-esbuild's default `exclude: ['aws-sdk']` would mark the v2 SDK external; this
    // code uses only the bundled v3 SDK, so nothing is external and nothing is `npm install`ed.
    exclude: [],
    packager: 'npm',
  };
}

/** serverless.yml's custom.edgeAuth (resolved strings) → the Lambda@Edge gate's baked settings. */
export function edgeLambdaSettingsOf(custom: Record<string, unknown>): Record<string, unknown> {
  const text = (name: string) => (typeof custom[name] === 'string' && custom[name] !== '' ? (custom[name] as string) : undefined);
  const jwks = text('idpJwks');
  const idp = text('idpIssuer') && text('idpAudience') && jwks
    ? { issuer: text('idpIssuer'), audience: text('idpAudience'), jwks: JSON.parse(jwks) as unknown }
    : undefined;
  return {
    region: text('region') ?? 'us-east-1',
    tenantsTable: text('tenantsTable') ?? '',
    ...(text('sessionKeys') ? { sessionKeys: text('sessionKeys') } : {}),
    ...(text('sessionKeysParameter') ? { sessionKeysParameter: text('sessionKeysParameter') } : {}),
    issuer: text('issuer') ?? 'wikibot',
    audience: text('audience') ?? 'wikibot',
    ...(idp ? { idp } : {}),
  };
}
