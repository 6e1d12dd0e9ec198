'use strict';
/**
 * `custom.esbuild.config` for serverless-esbuild, which loads this file with a plain `require()`
 * and calls its export with the Serverless instance. The real options live in
 * ../esbuild.config.ts (shared with the benchmark); plain `require()` cannot load TypeScript on
 * Node 20, so esbuild-register compiles it here. The hook covers `.ts` files only and is removed
 * again at once, so nothing else Serverless loads later (e.g. the bundles that `sls invoke local`
 * runs) goes through it.
 */
const path = require('node:path');
const { register } = require('esbuild-register/dist/node');

const { unregister } = register({ extensions: ['.ts'], target: 'node20' });
try {
  module.exports = require(path.join(__dirname, '..', 'esbuild.config.ts')).serverlessEsbuildConfig;
} finally {
  unregister();
}
