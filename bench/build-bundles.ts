import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_ENTRIES, LAMBDA_OUT_EXTENSION, copySqlWasm, esbuildOptions, lambdaEsbuildOptions } from '../esbuild.config';

export const ROOT = path.resolve(__dirname, '..');
/** Gitignored; `npm run build` and `npm run bench` both build here. */
export const DEFAULT_OUTDIR = path.join(ROOT, '.build');

export type FunctionName = keyof typeof FUNCTION_ENTRIES;

export interface BuiltBundle {
  /** A function of FUNCTION_ENTRIES, or a reference bundle (see buildReferenceBundle). */
  readonly name: string;
  readonly entry: string;
  /** Absolute path of the bundle's JavaScript file (the handler a cold start loads). */
  readonly file: string;
  /** Of that file alone. */
  readonly bytes: number;
  readonly gzipBytes: number;
  /** `import()` chunks beside it (code splitting), read only when a request first needs them. */
  readonly chunks: readonly { readonly name: string; readonly bytes: number }[];
  /** Other files shipped beside the bundle (sql-wasm.wasm for write) and their sizes. */
  readonly extras: readonly { readonly name: string; readonly bytes: number }[];
  readonly metafile: Metafile;
}

/**
 * Builds every function of FUNCTION_ENTRIES with the deployment's lambdaEsbuildOptions (ES
 * modules, code splitting) and the copySqlWasm plugin, as serverless-esbuild does, into
 * `{outdir}/{name}/`, keeping the metafile beside each bundle (`meta.json`; open it in esbuild's
 * bundle analyzer).
 */
export async function buildBundles(outdir: string = DEFAULT_OUTDIR): Promise<BuiltBundle[]> {
  const bundles: BuiltBundle[] = [];
  for (const [name, entry] of Object.entries(FUNCTION_ENTRIES) as [FunctionName, string][]) {
    const dir = path.join(outdir, name);
    fs.rmSync(dir, { recursive: true, force: true });
    const result = await build({
      ...lambdaEsbuildOptions,
      absWorkingDir: ROOT,
      entryPoints: [entry],
      outdir: dir,
      metafile: true,
      logLevel: 'warning',
      // As serverlessEsbuildConfig() does for every function; the plugin copies sql-wasm.wasm
      // only beside bundles that contain sql.js (write), so none should appear beside assemble.
      plugins: [copySqlWasm],
    });
    bundles.push(describe(name, entry, path.join(dir, `${path.basename(entry, path.extname(entry))}${LAMBDA_OUT_EXTENSION}`), result.metafile));
  }
  return bundles;
}

/** The name of the reference bundle: the S3 client alone, nothing of wikibot. */
export const S3_CLIENT_ONLY = 's3-client-only';

/**
 * A reference for the cold-load figures: `S3Client` and `GetObjectCommand` of
 * `@aws-sdk/client-s3` and nothing else, built with the same esbuildOptions. The assemble
 * function needs exactly these, so this bundle's load time is the floor the SDK sets for it.
 */
export async function buildReferenceBundle(outdir: string = DEFAULT_OUTDIR): Promise<BuiltBundle> {
  const dir = path.join(outdir, S3_CLIENT_ONLY);
  fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, 'index.js');
  const result = await build({
    ...esbuildOptions,
    absWorkingDir: ROOT,
    stdin: {
      contents: "export { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
      resolveDir: ROOT,
      sourcefile: 'bench/s3-client-only.ts',
      loader: 'ts',
    },
    outfile: file,
    metafile: true,
    logLevel: 'warning',
  });
  return describe(S3_CLIENT_ONLY, '@aws-sdk/client-s3', file, result.metafile);
}

function describe(name: string, entry: string, file: string, metafile: Metafile): BuiltBundle {
  const dir = path.dirname(file);
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(metafile));
  const code = fs.readFileSync(file);
  const beside = fs.readdirSync(dir)
    .filter((f) => f !== path.basename(file) && f !== 'meta.json')
    .map((f) => ({ name: f, bytes: fs.statSync(path.join(dir, f)).size }));
  const isChunk = (f: { name: string }) => /^chunk-.*\.m?js$/.test(f.name);
  return {
    name, entry, file, bytes: code.length, gzipBytes: zlib.gzipSync(code, { level: 9 }).length,
    chunks: beside.filter(isChunk), extras: beside.filter((f) => !isChunk(f)), metafile,
  };
}

if (require.main === module) {
  buildBundles().then(
    (bundles) => {
      for (const b of bundles) {
        const extras = b.extras.map((e) => ` + ${e.name} ${(e.bytes / 1024).toFixed(0)} KiB`).join('');
        const chunks = b.chunks.reduce((sum, c) => sum + c.bytes, 0);
        console.log(`${b.name.padEnd(14)} ${path.relative(ROOT, b.file)}  ${(b.bytes / 1024).toFixed(0)} KiB (gzip ${(b.gzipBytes / 1024).toFixed(0)} KiB) + ${b.chunks.length} chunks ${(chunks / 1024).toFixed(0)} KiB${extras}`);
      }
    },
    (error: Error) => {
      console.error(`Build failed: ${error.message}`);
      process.exit(1);
    },
  );
}
