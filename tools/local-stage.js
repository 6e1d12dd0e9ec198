'use strict';
/**
 * Values of serverless.yml's `local` stage that YAML variables cannot express. `sls invoke
 * local` runs a handler with the bundle folder (.esbuild/.build) as its working directory
 * (serverless-esbuild changes into it), so the EFS stand-in of `npm start` must be given as an
 * absolute path: the same directory local/platform.ts uses, `<dataDir>/efs` of the project.
 */
const path = require('node:path');
const settings = require('../local/settings.json');

module.exports = {
  dataDir: path.resolve(__dirname, '..', settings.dataDir, 'efs'),
};
