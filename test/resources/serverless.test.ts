import * as fs from 'node:fs';
import * as path from 'node:path';
import { FUNCTION_ENTRIES } from '../../esbuild.config';
import { readCloudFormationYaml } from '../helpers/cloudFormationYaml';

const ROOT = path.join(__dirname, '..', '..');

interface FunctionConfig {
  handler: string;
  role?: string;
  environment?: Record<string, unknown>;
}
interface ServerlessConfig {
  params: Record<string, Record<string, unknown>>;
  functions: Record<string, FunctionConfig>;
  resources: unknown[];
}

const config = readCloudFormationYaml(path.join(ROOT, 'serverless.yml')) as ServerlessConfig;
const functions = Object.entries(config.functions);

/** `functions/write/handler.handler` → the source file and the exported name. */
function splitHandler(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  return { file: `${handler.slice(0, dot)}.ts`, exportName: handler.slice(dot + 1) };
}

/** The resources/*.yml files serverless.yml includes, parsed. */
function includedResources(): { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }[] {
  return config.resources.map((entry) => {
    const match = /^\$\{file\((.+)\)\}$/.exec(String(entry));
    if (!match?.[1]) throw new Error(`resources entry ${JSON.stringify(entry)} is not a \${file(...)} include`);
    return readCloudFormationYaml(path.join(ROOT, match[1])) as ReturnType<typeof includedResources>[number];
  });
}

describe('serverless.yml', () => {
  it('defines the functions of FUNCTION_ENTRIES and no others', () => {
    expect(Object.keys(config.functions).sort()).toEqual(Object.keys(FUNCTION_ENTRIES).sort());
  });

  it.each(functions)('%s: the handler names an exported function of an existing file', (_name, fn) => {
    const { file, exportName } = splitHandler(fn.handler);
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(source).toMatch(new RegExp(`export\\s+(const|(async\\s+)?function)\\s+${exportName}\\b`));
  });

  it.each(functions)('%s: the handler file is its FUNCTION_ENTRIES entry point', (name, fn) => {
    expect(splitHandler(fn.handler).file).toBe(FUNCTION_ENTRIES[name as keyof typeof FUNCTION_ENTRIES]);
  });

  it.each(functions)('%s: runs with its own IAM role from resources/', (_name, fn) => {
    const roles = includedResources().flatMap((file) =>
      Object.entries(file.Resources ?? {}).filter(([, r]) => r.Type === 'AWS::IAM::Role').map(([id]) => id),
    );
    expect(fn.role).toBeDefined();
    expect(roles).toContain(fn.role);
    expect(functions.filter(([, other]) => other.role === fn.role)).toHaveLength(1);
  });

  it('every stage parameter the functions use has a default and a local value', () => {
    const used = new Set(
      functions.flatMap(([, fn]) =>
        Object.values(fn.environment ?? {}).flatMap((v) => [...String(v).matchAll(/\$\{param:(\w+)\}/g)].map((m) => m[1]!)),
      ),
    );
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) {
      expect(config.params.default).toHaveProperty(name);
      expect(config.params.local).toHaveProperty(name);
    }
  });

  it('includes every file of resources/, one concern each', () => {
    const included = config.resources.map((entry) => /^\$\{file\(resources\/(.+\.yml)\)\}$/.exec(String(entry))?.[1]).sort();
    const files = fs.readdirSync(path.join(ROOT, 'resources')).filter((f) => f.endsWith('.yml')).sort();
    expect(included).toEqual(files);
  });

  it('holds no session key for a deployed stage, only the SSM parameter name', () => {
    expect(config.params.default?.sessionKeys).toBe('');
    expect(config.params.default?.sessionKeysParameter).toBe('/wikibot/${sls:stage}/session-keys');
  });

  it('lets every role that reads the session keys read exactly params.sessionKeysParameter', () => {
    const roles = Object.fromEntries(includedResources().flatMap((file) => Object.entries(file.Resources ?? {})));
    for (const id of ['WriteRole', 'EdgeSyncRole', 'EdgeAuthLambdaRole']) {
      const text = JSON.stringify(roles[id]);
      expect([id, text.includes(':parameter${param:sessionKeysParameter}')]).toEqual([id, true]);
      expect([id, text.includes('/wikibot/')]).toEqual([id, false]);
    }
  });
});
