'use strict';
/**
 * Values of serverless.yml's `local` stage, taken from the running `npm start` (its
 * platform.json, found as the CLIs find it: $WIKIBOT_PLATFORM, else .data/platform.json), so
 * `sls invoke local --stage local` reaches the emulators on whatever ports they listen and the
 * data directory they use. With no platform running it fails with a sentence saying so, and sls
 * exits non-zero, instead of a handler meeting ECONNREFUSED.
 *
 * `sls invoke local` runs a handler with the bundle folder (.esbuild/.build) as its working
 * directory (serverless-esbuild changes into it), which is why the data directory is absolute.
 * Plain `require()` cannot load TypeScript on Node 20, so esbuild-register compiles the shared
 * module here and is removed again at once (as in serverless-esbuild-config.js).
 */
const path = require('node:path');
const { register } = require('esbuild-register/dist/node');

let values;

// `sls invoke local` runs the handler in this process on the local Node (20 allowed, Lambda
// runs 22); the SDK's notice about Node 20 says nothing about this invocation.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

module.exports = () => {
  values ??= localStage();
  return values;
};

async function localStage() {
  const { unregister } = register({ extensions: ['.ts'], target: 'node20' });
  let platformState;
  try {
    platformState = require(path.join(__dirname, '..', 'local', 'platformState.ts'));
  } finally {
    unregister();
  }
  try {
    const state = await platformState.findRunningPlatform(platformState.platformStateFile(undefined, process.env));
    return {
      dataDir: state.efsDir,
      s3Endpoint: state.s3Endpoint,
      dynamoEndpoint: state.dynamoEndpoint,
      bucket: state.bucket,
      tenantsTable: state.tenantsTable,
      sessionKeys: state.sessionKeys,
      issuer: state.issuer,
      audience: state.audience,
    };
  } catch (error) {
    // Serverless prints the stack of what a variable source throws; the sentence is what helps.
    const plain = new Error(error.message);
    plain.stack = error.message;
    throw plain;
  }
}
