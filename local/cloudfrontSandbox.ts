import * as nodeCrypto from 'node:crypto';
import * as vm from 'node:vm';

/** The key-value reads the sandbox's `cloudfront` module serves: undefined means "no such key". */
export type SandboxKvs = (key: string) => string | undefined;

export interface SandboxCounters {
  createHmac: number;
  createHash: number;
  kvsGets: number;
}

export interface CloudFrontFunctionSandbox {
  /** Calls the function's `handler(event)`, as CloudFront does for a viewer request. */
  handler(event: unknown): Promise<unknown>;
  /** Calls made into the runtime's modules since the sandbox was created (reset freely). */
  readonly counters: SandboxCounters;
}

// The only statements allowed to reach outside the script: the runtime's own modules.
const IMPORT = /^\s*import\s+([A-Za-z_$][\w$]*)\s+from\s*["'](cloudfront|crypto)["'];?/;

/**
 * Runs a CloudFront Function (cloudfront-js-2.0) the way the runtime would, as far as Node allows:
 * in a fresh `node:vm` context whose globals are the language's own plus `Buffer` and a silent
 * `console` — no `process`, no `require`, no timers, no network — with `import … from 'cloudfront'`
 * answered by a KeyValueStore over `kvs` (a missing key rejects, as `cf.kvs().get` does) and
 * `import … from 'crypto'` by `createHash`/`createHmac` only. Any other import fails to load.
 * A fidelity sandbox for tests, benchmarks and the local gateway, not a security boundary.
 */
export function loadCloudFrontFunction(code: string, kvs: SandboxKvs): CloudFrontFunctionSandbox {
  const counters: SandboxCounters = { createHmac: 0, createHash: 0, kvsGets: 0 };
  const modules: Record<string, unknown> = {
    cloudfront: Object.freeze({
      kvs: () =>
        Object.freeze({
          get(key: string, options?: { format?: string }) {
            counters.kvsGets++;
            const value = kvs(String(key));
            if (value === undefined) return Promise.reject(new Error(`KeyValueStore: key not found: ${key}`));
            return Promise.resolve(options?.format === 'json' ? JSON.parse(value) : value);
          },
          exists(key: string) {
            counters.kvsGets++;
            return Promise.resolve(kvs(String(key)) !== undefined);
          },
        }),
    }),
    crypto: Object.freeze({
      createHash(algorithm: string) {
        counters.createHash++;
        return nodeCrypto.createHash(algorithm);
      },
      createHmac(algorithm: string, key: string | Buffer) {
        counters.createHmac++;
        return nodeCrypto.createHmac(algorithm, key);
      },
    }),
  };

  let rest = code;
  const bindings: string[] = [];
  for (let match = IMPORT.exec(rest); match; match = IMPORT.exec(rest)) {
    bindings.push(`var ${match[1]} = __runtimeModule(${JSON.stringify(match[2])});`);
    rest = rest.slice(match[0].length);
  }
  if (/(^|[^\w$.])(import|require)\s*[(\s'"{*]/.test(rest) || /\bexport\b\s*[{*dvcfa]/.test(rest)) {
    throw new Error('The function imports or exports something the CloudFront Functions runtime does not provide.');
  }
  const context = vm.createContext({
    Buffer,
    console: Object.freeze({ log: () => undefined }),
    __runtimeModule: (name: string) => modules[name],
  });
  const script = `${bindings.join('\n')}\n${rest}\n;handler`;
  const handler = vm.runInContext(script, context, { filename: 'edge-auth.js' }) as unknown;
  if (typeof handler !== 'function') throw new Error('The CloudFront Function defines no handler(event).');
  // Nothing of the host leaks in beyond the names above.
  vm.runInContext('delete globalThis.__runtimeModule', context);
  return { handler: (event) => (handler as (e: unknown) => Promise<unknown>)(event), counters };
}
