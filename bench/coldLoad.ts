import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import settings from '../local/settings.json';
import { ROOT, type BuiltBundle } from './build-bundles';
import { ratio, summarize, type Summary } from './stats';

export interface ColdLoadOptions {
  /** Rounds before measuring (page cache, node's own start-up files). */
  readonly warmup: number;
  /** Measured runs of each command. */
  readonly runs: number;
  /** A directory for DATA_DIR (the write function only parses it at load). */
  readonly dataDir: string;
}

export interface ColdLoadRow {
  readonly name: string;
  /** What the row is, for people. */
  readonly label: string;
  /** What was run, as a shell would show it. */
  readonly command: string;
  /** Wall clock of the whole process: spawn → exit. */
  readonly wall: Summary;
  /** The bundle's import() (or require()) alone, timed inside the process (undefined for the baseline). */
  readonly require?: Summary;
  /** Median wall clock / median of `node -e 0`. */
  readonly ratio: number;
  /** Median wall clock − median of `node -e 0`. */
  readonly addedMs: number;
}

export interface ColdLoadResult {
  readonly baseline: ColdLoadRow;
  readonly bundles: readonly ColdLoadRow[];
}

/**
 * Everything the handlers' config parsers need at module load (each function's config.ts).
 * AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: the SDK warns once on Node < 22; Lambda runs
 * nodejs22.x where no warning exists, so it is not part of the measured load.
 */
export function handlerEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: settings.region,
    BUCKET: settings.bucket,
    TENANTS_TABLE: settings.tenantsTable,
    DATA_DIR: dataDir,
    SESSION_KEYS: settings.sessionKeys,
    SESSION_ISSUER: settings.issuer,
    SESSION_AUDIENCE: settings.audience,
    // edge-sync's config (a KeyValueStore ARN is only parsed at load, never called here).
    KVS_ARN: 'arn:aws:cloudfront::000000000000:key-value-store/00000000-0000-0000-0000-000000000000',
    // invalidate's config (a distribution id is only parsed at load, never called here).
    DISTRIBUTION_ID: 'E000000000000',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * How Lambda loads a handler file, as an expression that yields a promise: `import()` for an ES
 * module (.mjs: every function bundle), `require()` for CommonJS (the reference bundle).
 * `display` gives the short form for people (a path relative to the repository).
 */
function loadExpression(file: string, display = false): string {
  const target = display ? `'./${path.relative(ROOT, file)}'` : JSON.stringify(file.endsWith('.mjs') ? pathToFileURL(file).href : file);
  if (file.endsWith('.mjs')) return `import(${target})`;
  return display ? `require(${target})` : `Promise.resolve(require(${target}))`;
}

interface Command {
  readonly name: string;
  readonly label: string;
  readonly display: string;
  readonly script: string;
  readonly timesRequire: boolean;
}

function runOnce(command: Command, env: NodeJS.ProcessEnv): { wall: number; require?: number } {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', command.script], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(`${command.display} exited with ${child.status ?? child.signal}: ${child.stderr.trim().slice(0, 1000)}`);
  }
  if (!command.timesRequire) return { wall };
  const required = Number(child.stdout.trim());
  if (!Number.isFinite(required)) throw new Error(`${command.display} printed no timing: ${child.stdout.slice(0, 200)}`);
  return { wall, require: required };
}

/**
 * Fresh-process module load of each bundle next to `node -e 0`: every round runs each command
 * once, in a rotating order, so the noise of a busy machine spreads over all of them.
 */
export function benchColdLoad(
  bundles: readonly { readonly bundle: BuiltBundle; readonly label: string }[],
  options: ColdLoadOptions,
): ColdLoadResult {
  const env = handlerEnv(options.dataDir);
  const commands: Command[] = [
    { name: 'node -e 0', label: 'Node alone (baseline)', display: 'node -e 0', script: '0', timesRequire: false },
    ...bundles.map(({ bundle: b, label }) => ({
      name: b.name,
      label,
      display: `node -e "${loadExpression(b.file, true)}"`,
      // The load is also timed from inside, to separate module load from node's own start-up.
      script: `const t=performance.now();${loadExpression(b.file)}.then(()=>process.stdout.write(String(performance.now()-t)))`,
      timesRequire: true,
    })),
  ];
  const wall = commands.map(() => [] as number[]);
  const required = commands.map(() => [] as number[]);
  for (let round = 0; round < options.warmup + options.runs; round++) {
    for (let k = 0; k < commands.length; k++) {
      const index = (round + k) % commands.length;
      const sample = runOnce(commands[index]!, env);
      if (round < options.warmup) continue;
      wall[index]!.push(sample.wall);
      if (sample.require !== undefined) required[index]!.push(sample.require);
    }
  }
  const baselineWall = summarize(wall[0]!);
  const rows = commands.map((command, i): ColdLoadRow => {
    const w = summarize(wall[i]!);
    return {
      name: command.name,
      label: command.label,
      command: command.display,
      wall: w,
      require: command.timesRequire ? summarize(required[i]!) : undefined,
      ratio: ratio(w.median, baselineWall.median),
      addedMs: w.median - baselineWall.median,
    };
  });
  return { baseline: rows[0]!, bundles: rows.slice(1) };
}
