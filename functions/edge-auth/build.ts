import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { CLOUDFRONT_FUNCTION_ENTRY, FUNCTION_ENTRIES, cloudFrontFunctionOptions, esbuildOptions } from '../../esbuild.config';
import { edgeSettingsDefine, type EdgeLambdaSettings } from './lambdaEdgeSettings';

const ROOT = path.resolve(__dirname, '..', '..');
/** CloudFront's limit on a function's code is 10 KB; ours stays under 7 KB (6 KB until attachment keys were mapped at the edge). */
export const CLOUDFRONT_FUNCTION_BUDGET = 7 * 1024;

/**
 * Bundles the CloudFront Function into one script: esbuild names the entry's export
 * `handleViewerRequest` whatever it likes when minifying, so the ES `export` it emits is replaced
 * by the top-level `async function handler(event)` CloudFront looks for.
 */
export async function buildCloudFrontFunction(): Promise<string> {
  const result = await build({
    ...cloudFrontFunctionOptions,
    absWorkingDir: ROOT,
    entryPoints: [CLOUDFRONT_FUNCTION_ENTRY],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const exported = /export\s*\{\s*([\w$]+)\s+as\s+handleViewerRequest\s*\};?\s*$/.exec(code);
  if (!exported) throw new Error('The CloudFront Function bundle does not export handleViewerRequest.');
  const body = code.slice(0, exported.index).trimEnd();
  const script = `${body}\nasync function handler(event){return ${exported[1]}(event)}\n`;
  if (script.includes('${')) throw new Error('The CloudFront Function contains "${", which osls would try to resolve.');
  return script;
}

/** `npx tsx functions/edge-auth/build.ts [out]`: writes the script (default .build/edge-auth/cloudfront.js). */
if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, '.build', 'edge-auth', 'cloudfront.js'));
  buildCloudFrontFunction().then((code) => {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, code);
    console.log(`${path.relative(process.cwd(), out)}: ${Buffer.byteLength(code)} bytes (budget ${CLOUDFRONT_FUNCTION_BUDGET})`);
  }, (error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}

/** Lambda@Edge allows 1 MB for viewer triggers; the gate's own budget is 50 KB. */
export const EDGE_LAMBDA_BUDGET = 50 * 1024;

/**
 * Bundles the Lambda@Edge gate with the deployment's esbuildOptions and the stage's settings
 * baked in (`define`), as serverlessEsbuildConfig() does for `sls package`. Returns the CommonJS
 * code.
 */
export async function buildEdgeLambda(settings: EdgeLambdaSettings): Promise<string> {
  const result = await build({
    ...esbuildOptions,
    absWorkingDir: ROOT,
    entryPoints: [FUNCTION_ENTRIES.edgeAuthLambda],
    define: edgeSettingsDefine(settings),
    write: false,
    outdir: path.join(ROOT, '.build', 'edge-auth-lambda'),
    logLevel: 'silent',
  });
  return result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
}
