import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * Loads a CommonJS bundle (what esbuild writes for a Lambda function) from its code, with Node's
 * own `require` for the built-in modules it may import, and returns its exports. What runs is
 * exactly the bundle that would be zipped.
 */
export function loadCommonJsBundle<T = Record<string, unknown>>(code: string, filename = path.join(process.cwd(), 'bundle.js')): T {
  const module = { exports: {} as T };
  const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename }) as (
    ...args: unknown[]
  ) => void;
  wrapper(module.exports, createRequire(filename), module, filename, path.dirname(filename));
  return module.exports;
}
