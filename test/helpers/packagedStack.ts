import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Runs the real `sls package` (osls + serverless-esbuild) for a stage, offline and without AWS
 * credentials, and hands back the CloudFormation template it wrote and its zips. osls keeps its
 * state in `<service>/.serverless` and serverless-esbuild builds in `<service>/.esbuild`, so each
 * run gets a service folder of its own: a temporary folder of symlinks to the project's files
 * (everything but those two folders and .git). Runs then never collide with each other or with
 * an `sls package` someone runs in the project meanwhile.
 *
 * Results are cached under the OS temp folder by a hash of everything that shapes them (the
 * variant, serverless.yml, resources/, tools/, the function sources, the lock file), so test files
 * share one packaging per variant and a rerun with nothing changed costs nothing. A lock folder
 * keeps two jest workers from packaging the same variant at once.
 */

export const ROOT = path.resolve(__dirname, '..', '..');

export interface PackageVariant {
  readonly stage: string;
  readonly region?: string;
  /** `--param name=value` overrides. */
  readonly params?: Readonly<Record<string, string>>;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly [attribute: string]: unknown;
}

export interface CfnTemplate {
  readonly AWSTemplateFormatVersion?: string;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown; Condition?: string; Description?: string }>;
  readonly [section: string]: unknown;
}

export interface PackagedStack {
  readonly variant: PackageVariant;
  readonly dir: string;
  readonly templateFile: string;
  readonly templateText: string;
  readonly template: CfnTemplate;
  /** Zip file name (`write.zip`) → size in bytes. */
  readonly zips: Readonly<Record<string, number>>;
}

/** What a packaged stack depends on; a change to any of these packages again. */
const INPUTS = ['serverless.yml', 'esbuild.config.ts', 'package-lock.json', 'local/settings.json', 'resources', 'tools', 'functions', 'shared', 'assets'];

function filesUnder(relative: string): string[] {
  const full = path.join(ROOT, relative);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [relative];
  return fs.readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)));
}

function inputHash(variant: PackageVariant): string {
  const hash = createHash('sha256').update(JSON.stringify(variant));
  for (const file of INPUTS.flatMap(filesUnder)) hash.update(`${file}\0`).update(fs.readFileSync(path.join(ROOT, file)));
  return hash.digest('hex').slice(0, 16);
}

/** The environment of the child: no AWS credentials or profile, no telemetry. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  return { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' };
}

/** A service folder of symlinks to the project, without osls's and esbuild's work folders. */
function serviceFolder(parent: string): string {
  const folder = fs.mkdtempSync(path.join(parent, 'service-'));
  for (const name of fs.readdirSync(ROOT)) {
    if (name === '.serverless' || name === '.esbuild' || name === '.git') continue;
    // osls only recognises a service by a real serverless.yml.
    if (name === 'serverless.yml') fs.copyFileSync(path.join(ROOT, name), path.join(folder, name));
    else fs.symlinkSync(path.join(ROOT, name), path.join(folder, name));
  }
  return folder;
}

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js'), ...args], {
      cwd, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`sls ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function load(variant: PackageVariant, dir: string): PackagedStack {
  const templateFile = path.join(dir, 'cloudformation-template-update-stack.json');
  const templateText = fs.readFileSync(templateFile, 'utf8');
  const zips = Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.zip')).sort().map((f) => [f, fs.statSync(path.join(dir, f)).size]));
  return { variant, dir, templateFile, templateText, template: JSON.parse(templateText) as CfnTemplate, zips };
}

const STALE_LOCK_MS = 5 * 60_000;

/** Drops earlier packages of the stage (other inputs) that nobody is writing or has just read. */
function pruneOlder(cacheRoot: string, stage: string) {
  for (const name of fs.readdirSync(cacheRoot)) {
    const full = path.join(cacheRoot, name);
    if (!name.startsWith(`${stage}-`) || name.endsWith('.lock') || fs.existsSync(`${full}.lock`)) continue;
    if (Date.now() - fs.statSync(full).mtimeMs > 10 * 60_000) fs.rmSync(full, { recursive: true, force: true });
  }
}

/** `sls package` for the variant (or the cached result of an identical earlier one). */
export async function packageStack(variant: PackageVariant): Promise<PackagedStack> {
  const cacheRoot = path.join(os.tmpdir(), 'wikibot-sls-package');
  const dir = path.join(cacheRoot, `${variant.stage}-${inputHash(variant)}`);
  const done = path.join(dir, '.done');
  const lock = `${dir}.lock`;
  fs.mkdirSync(cacheRoot, { recursive: true });
  for (;;) {
    if (fs.existsSync(done)) return load(variant, dir);
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another worker is packaging this variant; a lock older than any packaging was abandoned.
      if (Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (fs.existsSync(done)) return load(variant, dir);
    fs.rmSync(dir, { recursive: true, force: true });
    pruneOlder(cacheRoot, variant.stage);
    const service = serviceFolder(cacheRoot);
    const args = ['package', '--stage', variant.stage, '--region', variant.region ?? 'us-east-1', '--package', dir];
    for (const [name, value] of Object.entries(variant.params ?? {})) args.push('--param', `${name}=${value}`);
    try {
      await run(service, args, offlineEnv());
    } finally {
      fs.rmSync(service, { recursive: true, force: true });
    }
    fs.writeFileSync(done, '');
    return load(variant, dir);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The stages the template tests package: the default, production, and the Lambda@Edge variant
 * with every optional feature switched on (existing VPC, custom domain, an alarm topic). */
export const VARIANTS = {
  dev: { stage: 'dev' },
  prod: { stage: 'prod' },
  lambda: {
    stage: 'staging',
    region: 'us-east-1',
    params: {
      edgeAuth: 'lambda',
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: 'subnet-0aaaaaaaaaaaaaaaa,subnet-0bbbbbbbbbbbbbbbb',
      domainName: 'wiki.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      alarms: 'true',
      alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops',
    },
  },
} satisfies Record<string, PackageVariant>;

export type VariantName = keyof typeof VARIANTS;

/** All variants, packaged concurrently (each is one osls process). */
export async function packageAll(): Promise<Record<VariantName, PackagedStack>> {
  const names = Object.keys(VARIANTS) as VariantName[];
  const stacks = await Promise.all(names.map((name) => packageStack(VARIANTS[name])));
  return Object.fromEntries(names.map((name, i) => [name, stacks[i]!])) as Record<VariantName, PackagedStack>;
}

/** CloudFormation's limit for a template uploaded to S3 (what sls deploy does). */
export const MAX_TEMPLATE_BYTES = 1_000_000;
