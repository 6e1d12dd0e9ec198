'use strict';
/**
 * `${file(./tools/edge-auth-code.js)}` in resources/edge.yml: the CloudFront Function's code, built
 * by functions/edge-auth/build.ts (esbuild, < 6 KB, template literals lowered so that the code has
 * no `${…}` for osls to resolve). esbuild-register compiles the TypeScript for this plain require().
 */
const path = require('node:path');
const { register } = require('esbuild-register/dist/node');

module.exports = async () => {
  const { unregister } = register({ extensions: ['.ts'], target: 'node20' });
  try {
    const { buildCloudFrontFunction } = require(path.join(__dirname, '..', 'functions', 'edge-auth', 'build.ts'));
    return await buildCloudFrontFunction();
  } finally {
    unregister();
  }
};
