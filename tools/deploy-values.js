'use strict';
/**
 * Values serverless.yml and resources/*.yml take from the code at package time, as
 * `${file(./tools/deploy-values.js):NAME}` (osls calls the function the first time NAME is used):
 *
 * - contentSecurityPolicy: the pages' CSP, with the hashes of the shell's inline scripts
 *   (tools/contentSecurityPolicy.ts), so the header always matches the shell being deployed.
 * - attachmentContentSecurityPolicy: the CSP of the attachments behaviour.
 * - staticManifest: the URLs of the content-hashed static assets (tools/buildAssets.ts builds
 *   them into .build/static); the write and backfill functions render shells with it
 *   (STATIC_MANIFEST), and tools/uploadStatic.ts puts exactly those files in the bucket.
 *
 * Nothing here reads AWS, so `sls package` stays offline. esbuild-register compiles the
 * TypeScript for these plain require() calls and is removed again at once.
 */
const path = require('node:path');
const { register } = require('esbuild-register/dist/node');

const ROOT = path.join(__dirname, '..');

function loadTypeScript(relative) {
  const { unregister } = register({ extensions: ['.ts'], target: 'node20' });
  try {
    return require(path.join(ROOT, relative));
  } finally {
    unregister();
  }
}

module.exports = {
  contentSecurityPolicy: () => loadTypeScript('tools/contentSecurityPolicy.ts').contentSecurityPolicy(),
  attachmentContentSecurityPolicy: () => loadTypeScript('tools/contentSecurityPolicy.ts').ATTACHMENT_CONTENT_SECURITY_POLICY,
  staticManifest: () => JSON.stringify(loadTypeScript('tools/buildAssets.ts').buildAssets().manifest),
};
