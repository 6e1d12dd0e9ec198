import type { Metafile } from 'esbuild';
import type { BuiltBundle } from './build-bundles';
import { LOAD_FILES, checkLoadFiles } from './loadFiles';

/**
 * Structural checks on the esbuild metafiles (DESIGN §1: the write function loads git and sql.js
 * only when a request needs them; the assemble function imports nothing heavy). Not timings:
 * a failure here fails the benchmark.
 */

/** Packages the write bundle may contain only behind a dynamic import(). */
export const WRITE_LAZY_PACKAGES = ['sql.js', 'isomorphic-git'] as const;
/** Packages the assemble bundle must not contain at all (`micromark` covers micromark-*). */
export const ASSEMBLE_FORBIDDEN = ['isomorphic-git', 'sql.js', 'micromark', 'jose'] as const;

export interface CheckResult {
  readonly bundle: string;
  readonly name: string;
  readonly ok: boolean;
  /** What was found, one line each: the import edges, or the chain that breaks the rule. */
  readonly details: readonly string[];
}

/** `node_modules/@scope/name/…` → `@scope/name`; project files → undefined. Uses the innermost node_modules. */
export function packageOf(file: string): string | undefined {
  const matches = [...file.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  return matches.at(-1)?.[1];
}

/** A bare specifier's package (`sql.js/dist/x` → `sql.js`), for external imports. */
function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function matches(pkg: string | undefined, family: string): boolean {
  if (!pkg) return false;
  return family === 'micromark' ? pkg === 'micromark' || pkg.startsWith('micromark-') : pkg === family;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly external: boolean;
  /** The package the edge lands in: of the input file, or of the specifier when external. */
  readonly pkg: string | undefined;
}

function edgesOf(metafile: Metafile): Edge[] {
  const edges: Edge[] = [];
  for (const [from, input] of Object.entries(metafile.inputs)) {
    for (const imp of input.imports) {
      const external = imp.external === true;
      edges.push({
        from, to: imp.path, kind: imp.kind, external,
        pkg: external ? packageOfSpecifier(imp.path) : packageOf(imp.path),
      });
    }
  }
  return edges;
}

/**
 * The bundle's own entry point. With code splitting every `import()` target is an entry point of
 * its own too, but its output is a `chunk-*` file (lambdaEsbuildOptions' chunkNames).
 */
function entryOf(metafile: Metafile): string {
  const entries = Object.entries(metafile.outputs)
    .filter(([file]) => !/(^|\/)chunk-[^/]*$/.test(file))
    .map(([, o]) => o.entryPoint)
    .filter((e): e is string => !!e);
  if (entries.length !== 1) throw new Error(`Expected one entry point in the metafile, found ${entries.length}.`);
  return entries[0]!;
}

/** Files reachable from `entry` through edges that `follow` accepts, with the edge that reached each. */
function reach(entry: string, edges: readonly Edge[], follow: (e: Edge) => boolean): Map<string, Edge | undefined> {
  const byFrom = new Map<string, Edge[]>();
  for (const e of edges) byFrom.set(e.from, [...(byFrom.get(e.from) ?? []), e]);
  const parent = new Map<string, Edge | undefined>([[entry, undefined]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const e of byFrom.get(file) ?? []) {
      if (!follow(e) || e.external || parent.has(e.to)) continue;
      parent.set(e.to, e);
      queue.push(e.to);
    }
  }
  return parent;
}

function chain(parent: Map<string, Edge | undefined>, last: Edge): string {
  const steps = [`${last.to} (${last.kind})`];
  let file = last.from;
  for (let e = parent.get(file); e; e = parent.get(file)) {
    steps.unshift(`${e.to} (${e.kind})`);
    file = e.from;
  }
  steps.unshift(file);
  return steps.join(' → ');
}

/** The write bundle reaches each lazy package only through `import()`, never at module load. */
export function checkWriteLazy(bundle: BuiltBundle): CheckResult[] {
  const edges = edgesOf(bundle.metafile);
  const entry = entryOf(bundle.metafile);
  // Everything a require() of the bundle evaluates: all edges except dynamic import().
  const loaded = reach(entry, edges, (e) => e.kind !== 'dynamic-import');
  const everything = reach(entry, edges, () => true);
  return WRITE_LAZY_PACKAGES.map((pkg) => {
    const details: string[] = [];
    // Static edges into the package from a file loaded at start (internal edges of the package itself don't count).
    const eager = edges.filter((e) =>
      loaded.has(e.from) && matches(e.pkg, pkg) && !matches(packageOf(e.from), pkg) && e.kind !== 'dynamic-import');
    const lazy = edges.filter((e) => everything.has(e.from) && matches(e.pkg, pkg) && !matches(packageOf(e.from), pkg) && e.kind === 'dynamic-import');
    const loadedInputs = [...loaded.keys()].filter((file) => matches(packageOf(file), pkg));
    for (const e of eager) details.push(`loaded at module load: ${chain(loaded, e)}${e.external ? ' [external]' : ''}`);
    for (const e of lazy) details.push(`${e.from} → ${e.to} (${e.kind})${e.external ? ' [external]' : ''}`);
    if (loadedInputs.length > 0 && eager.length === 0) details.push(`loaded at module load: ${loadedInputs.slice(0, 3).join(', ')}`);
    if (lazy.length === 0 && eager.length === 0) details.push(`${pkg} is not imported by the write bundle at all`);
    else if (lazy.length === 0) details.push(`${pkg} has no dynamic import()`);
    return {
      bundle: bundle.name,
      name: `write loads ${pkg} only through dynamic import()`,
      ok: eager.length === 0 && loadedInputs.length === 0 && lazy.length > 0,
      details,
    };
  });
}

/** The assemble bundle contains none of the forbidden packages, lazily or not. */
export function checkAssembleLean(bundle: BuiltBundle): CheckResult[] {
  const edges = edgesOf(bundle.metafile);
  const entry = entryOf(bundle.metafile);
  const everything = reach(entry, edges, () => true);
  return ASSEMBLE_FORBIDDEN.map((pkg) => {
    const inputs = Object.keys(bundle.metafile.inputs).filter((file) => matches(packageOf(file), pkg));
    const offending = edges.filter((e) => matches(e.pkg, pkg) && !matches(packageOf(e.from), pkg));
    const details = offending.map((e) => (everything.has(e.from) ? chain(everything, e) : `${e.from} → ${e.to} (${e.kind})`));
    if (inputs.length > 0 && details.length === 0) details.push(...inputs.slice(0, 5));
    const label = pkg === 'micromark' ? 'micromark*' : pkg;
    return {
      bundle: bundle.name,
      name: `assemble contains no ${label}`,
      ok: inputs.length === 0 && offending.length === 0,
      details: details.length > 0 ? details : [`0 of ${Object.keys(bundle.metafile.inputs).length} inputs are ${label}`],
    };
  });
}

/** Nothing ships beside the assemble bundle (copySqlWasm adds sql-wasm.wasm only where sql.js is bundled). */
export function checkAssembleAlone(bundle: BuiltBundle): CheckResult {
  return {
    bundle: bundle.name,
    name: 'assemble ships no sql-wasm.wasm (nothing beside its bundle)',
    ok: bundle.extras.length === 0,
    details: bundle.extras.length === 0 ? ['only the bundle itself'] : bundle.extras.map((e) => `${e.name} (${e.bytes} bytes) beside the bundle`),
  };
}

/**
 * Issue 14: what each function's cold start must not evaluate. A package is off the load path
 * when no file of it is reached from the entry without crossing an `import()` (code splitting
 * puts whatever lies behind one into a chunk that is not even read until then).
 */
export const OFF_LOAD_PATH: Readonly<Record<string, readonly string[]>> = {
  write: [
    'highlight.js', 'katex', 'micromark', 'yaml', 'jose', 'aws4', 'sql.js', 'isomorphic-git', '@modelcontextprotocol/sdk', 'zod',
    '@aws-sdk/*', '@smithy/*',
  ],
  backfill: ['highlight.js', 'katex', 'micromark-core-commonmark', 'sql.js', 'isomorphic-git', '@aws-sdk/*', '@smithy/*'],
  edgeSync: ['@aws-sdk/*', '@smithy/*'],
};

export function checkOffLoadPath(bundle: BuiltBundle, packages: readonly string[]): CheckResult[] {
  const loaded = loadedAtStart(bundle.metafile);
  return packages.map((family) => {
    const hit = (pkg: string | undefined) =>
      !!pkg && (family.endsWith('/*') ? pkg.startsWith(family.slice(0, -1)) : matches(pkg, family));
    const inputs = [...loaded].filter((file) => hit(packageOf(file)));
    return {
      bundle: bundle.name,
      name: `${bundle.name} evaluates no ${family} at load`,
      ok: inputs.length === 0,
      details: inputs.length === 0 ? ['only behind import()'] : inputs.slice(0, 3).map((f) => `loaded at module load: ${f}`),
    };
  });
}

export function runBundleChecks(bundles: readonly BuiltBundle[]): CheckResult[] {
  const byName = (name: string) => {
    const bundle = bundles.find((b) => b.name === name);
    if (!bundle) throw new Error(`No ${name} bundle was built.`);
    return bundle;
  };
  return [
    ...checkWriteLazy(byName('write')), ...checkAssembleLean(byName('assemble')), checkAssembleAlone(byName('assemble')),
    ...Object.entries(OFF_LOAD_PATH).flatMap(([name, packages]) => checkOffLoadPath(byName(name), packages)),
    ...Object.entries(LOAD_FILES).flatMap(([name, limits]) => checkLoadFiles(byName(name), limits.maxFiles, limits.forbiddenBuiltins)),
  ];
}

export interface PackageBytes {
  readonly pkg: string;
  /** esbuild's bytesInOutput, summed over the package's files. */
  readonly bytes: number;
  /** … of which evaluated when the bundle is required. */
  readonly eager: number;
  /** … of which evaluated only after a dynamic import() (still in the file, so still parsed). */
  readonly lazy: number;
  readonly files: number;
}

/** Files a require() of the bundle evaluates: reachable from the entry without crossing an import(). */
function loadedAtStart(metafile: Metafile): Set<string> {
  return new Set(reach(entryOf(metafile), edgesOf(metafile), (e) => e.kind !== 'dynamic-import').keys());
}

/** Bytes each package contributes to the bundle, split into evaluated-at-load and lazy, largest first. */
export function bytesByPackage(bundle: BuiltBundle): PackageBytes[] {
  const loaded = loadedAtStart(bundle.metafile);
  const totals = new Map<string, { bytes: number; eager: number; lazy: number; files: number }>();
  for (const output of Object.values(bundle.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = packageOf(file) ?? '(wikibot)';
      const t = totals.get(key) ?? { bytes: 0, eager: 0, lazy: 0, files: 0 };
      t.bytes += bytesInOutput;
      if (loaded.has(file)) t.eager += bytesInOutput;
      else t.lazy += bytesInOutput;
      t.files += 1;
      totals.set(key, t);
    }
  }
  return [...totals].map(([pkg, t]) => ({ pkg, ...t })).sort((a, b) => b.bytes - a.bytes);
}

export interface FileBytes {
  readonly file: string;
  readonly bytes: number;
  /** Evaluated when the bundle is required (else only after an import()). */
  readonly eager: boolean;
}

/** The bundle's inputs by bytesInOutput, largest first. */
export function bytesByFile(bundle: BuiltBundle): FileBytes[] {
  const loaded = loadedAtStart(bundle.metafile);
  const files: FileBytes[] = [];
  for (const output of Object.values(bundle.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) files.push({ file, bytes: bytesInOutput, eager: loaded.has(file) });
  }
  return files.sort((a, b) => b.bytes - a.bytes);
}
