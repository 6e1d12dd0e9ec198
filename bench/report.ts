import * as os from 'node:os';
import { BUDGETS, CLOSE_MARGIN, type BudgetRow } from './budgets';
import { S3_CLIENT_ONLY, type BuiltBundle } from './build-bundles';
import { bytesByFile, bytesByPackage, type CheckResult, type FileBytes, type PackageBytes } from './bundleChecks';
import type { ColdLoadResult, ColdLoadRow } from './coldLoad';
import { WIKI_PAGE_COUNT } from './fixture';
import type { ReadOptions, ReadResult } from './read';
import type { Summary } from './stats';
import type { WriteOptions, WriteResult } from './write';

export interface Machine {
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly platform: string;
  readonly memoryGiB: number;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpus: cpus.length,
    cpuModel: (cpus[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  };
}

export interface BundleFigures {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly extras: BuiltBundle['extras'];
  readonly chunks: BuiltBundle['chunks'];
  /** Bytes evaluated when the bundle is loaded. */
  readonly eagerBytes: number;
  /** Bytes only read and evaluated after a dynamic import() (in chunks of their own). */
  readonly lazyBytes: number;
  readonly inputs: number;
  readonly packages: readonly PackageBytes[];
  readonly files: readonly FileBytes[];
}

export function bundleFigures(bundle: BuiltBundle, root: string): BundleFigures {
  const packages = bytesByPackage(bundle);
  return {
    name: bundle.name,
    file: bundle.file.startsWith(root) ? bundle.file.slice(root.length + 1) : bundle.file,
    bytes: bundle.bytes,
    gzipBytes: bundle.gzipBytes,
    extras: bundle.extras,
    chunks: bundle.chunks,
    eagerBytes: packages.reduce((sum, p) => sum + p.eager, 0),
    lazyBytes: packages.reduce((sum, p) => sum + p.lazy, 0),
    inputs: Object.keys(bundle.metafile.inputs).length,
    packages,
    files: bytesByFile(bundle),
  };
}

export interface BenchReport {
  readonly date: Date;
  readonly machine: Machine;
  readonly seconds: number;
  readonly readOptions: ReadOptions;
  readonly writeOptions: WriteOptions;
  readonly coldRuns: number;
  readonly read: ReadResult;
  readonly write: WriteResult;
  readonly cold: ColdLoadResult;
  readonly bundles: readonly BundleFigures[];
  readonly checks: readonly CheckResult[];
  readonly budgets: readonly BudgetRow[];
}

const ms = (v: number) => (Math.abs(v) < 10 ? v.toFixed(2) : v.toFixed(1));
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const x = (v: number) => `${v.toFixed(2)}×`;
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)} %`;

/** The AWS SDK v3 and its runtime (smithy, crypto helpers, XML parser). */
const isAwsSdk = (pkg: string) => /^@(aws-sdk|smithy|aws-crypto|aws)\//.test(pkg) || ['fast-xml-parser', 'strnum', 'bowser', 'tslib'].includes(pkg);
const sdkEager = (b: BundleFigures) => b.packages.filter((p) => isAwsSdk(p.pkg)).reduce((sum, p) => sum + p.eager, 0);
const ownBytes = (b: BundleFigures) => b.packages.find((p) => p.pkg === '(wikibot)')?.bytes ?? 0;

function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const sep = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

const R7 = ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'] as const;
function summaryRow(label: string, s: Summary, extra: readonly string[] = []): string[] {
  return [label, String(s.n), ms(s.median), ms(s.p90), ms(s.p99), ms(s.min), ms(s.max), ...extra];
}

function find<T extends { name: string }>(items: readonly T[], name: string): T {
  const item = items.find((i) => i.name === name);
  if (!item) throw new Error(`No figures for ${name}.`);
  return item;
}

/** The console version: short, figures first. */
export function consoleReport(r: BenchReport): string {
  const lines: string[] = [];
  const row = (label: string, a: string, b: string) => lines.push(`  ${label.padEnd(62)} ${a.padStart(7)} ${b.padStart(7)}`);
  lines.push(`wikibot bench — ${r.date.toISOString()} — node ${r.machine.node}, ${r.machine.cpus} CPU (${r.machine.cpuModel})`);
  lines.push('');
  lines.push(`Read: gateway cache off, keep-alive, rotating batches       ${''.padEnd(5)}  median     p99 (ms)`);
  row(`page   GET ${r.read.pagePath}`, ms(r.read.page.median), ms(r.read.page.p99));
  row(`static GET ${r.read.staticPath}`, ms(r.read.static.median), ms(r.read.static.p99));
  row('the page\'s 3 fragment GETs alone (S3 client → s3rver)', ms(r.read.fragments.median), ms(r.read.fragments.p99));
  lines.push(`  page/static: ${x(r.read.ratioMedian)} at the median, ${x(r.read.ratioP99)} at p99 (${r.read.page.n} requests of each kind)`);
  lines.push('');
  lines.push(`Write: gateway → write handler, interleaved                 ${''.padEnd(5)}  median     p90 (ms)`);
  row('save (PUT, new content → commit + publish)', ms(r.write.save.median), ms(r.write.save.p90));
  row('baseline: GET of the same page via the write API', ms(r.write.get.median), ms(r.write.get.p90));
  row('PUT of unchanged content (no commit)', ms(r.write.unchanged.median), ms(r.write.unchanged.p90));
  lines.push(`  save/GET: ${x(r.write.save.median / r.write.get.median)} (+${ms(r.write.save.median - r.write.get.median)} ms); save − unchanged: ${ms(r.write.save.median - r.write.unchanged.median)} ms (${r.write.save.n} saves)`);
  lines.push('');
  lines.push(`Cold load: fresh process, ${r.coldRuns} interleaved runs each            median  ×node   +ms    load`);
  for (const c of [r.cold.baseline, ...r.cold.bundles]) {
    lines.push(`  ${c.command.padEnd(62)} ${ms(c.wall.median).padStart(7)} ${x(c.ratio).padStart(6)} ${ms(c.addedMs).padStart(5)} ${c.require ? ms(c.require.median).padStart(7) : '      –'}`);
  }
  lines.push('');
  lines.push('Bundles (esbuild metafile)');
  for (const b of r.bundles) {
    const extras = b.extras.map((e) => ` + ${e.name} ${kib(e.bytes)}`).join('');
    lines.push(`  ${b.name.padEnd(15)} ${kib(b.bytes)} (gzip ${kib(b.gzipBytes)}) + ${b.chunks.length} chunks ${kib(chunkBytes(b))}${extras}; run at load ${kib(b.eagerBytes)}, behind import() ${kib(b.lazyBytes)}`);
    lines.push(`  ${''.padEnd(15)} run at load, largest: ${b.packages.filter((p) => p.eager > 0).sort((a, c) => c.eager - a.eager).slice(0, 5).map((p) => `${p.pkg} ${kib(p.eager)}`).join(', ')}`);
  }
  lines.push('');
  lines.push('Structural checks (metafile)');
  for (const c of r.checks) {
    lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}`);
    for (const d of c.details) lines.push(`         ${d}`);
  }
  lines.push('');
  lines.push('Budgets');
  for (const b of r.budgets) lines.push(`  ${b.met ? 'met   ' : 'MISSED'} ${b.budget}: ${b.measured} (budget ${b.limit})${b.close ? ' — close to the limit' : ''}`);
  return lines.join('\n');
}

const chunkBytes = (b: BundleFigures) => b.chunks.reduce((sum, c) => sum + c.bytes, 0);

function coldRow(c: ColdLoadRow): string[] {
  return [c.label, `\`${c.command}\``, String(c.wall.n), ms(c.wall.median), ms(c.wall.p90), x(c.ratio), ms(c.addedMs), c.require ? ms(c.require.median) : '–'];
}

function fileTable(b: BundleFigures, top: number): string {
  return table(['Input file', 'bytes in bundle', 'when'], b.files.slice(0, top).map((f) => [
    `\`${f.file}\``, kib(f.bytes), f.eager ? 'at load' : 'after import()',
  ]), ['l', 'r', 'l']);
}

const sumFiles = (b: BundleFigures, pattern: RegExp) => b.files.filter((f) => f.eager && pattern.test(f.file)).reduce((sum, f) => sum + f.bytes, 0);

function packageTable(b: BundleFigures, top: number): string {
  return table(['Package', 'run at load', 'behind import()', 'files'], b.packages.slice(0, top).map((p) => [
    p.pkg, p.eager ? kib(p.eager) : '–', p.lazy ? kib(p.lazy) : '–', String(p.files),
  ]), ['l', 'r', 'r', 'r']);
}

/** docs/benchmarks.md, rewritten whole by every full run. */
export function markdownReport(r: BenchReport): string {
  const assemble = find(r.bundles, 'assemble');
  const write = find(r.bundles, 'write');
  const reference = find(r.bundles, S3_CLIENT_ONLY);
  const assembleCold = find(r.cold.bundles, 'assemble');
  const writeCold = find(r.cold.bundles, 'write');
  const referenceCold = find(r.cold.bundles, S3_CLIENT_ONLY);
  const pageBudget = r.budgets.find((b) => b.budget.startsWith('page GET'));
  const missed = r.budgets.filter((b) => !b.met);
  const date = r.date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const { read, write: w } = r;

  return `# Benchmarks

<!-- Generated by \`npm run bench\` (bench/run.ts). Do not edit by hand: rerun the benchmark. -->

Last run: **${date}**, Node **${r.machine.node}**, **${r.machine.cpus} CPUs** (${r.machine.cpuModel}),
${r.machine.platform}, ${r.machine.memoryGiB} GiB RAM. The run took ${r.seconds.toFixed(0)} s.

These are figures of the **local platform** (DESIGN §7): s3rver, dynalite, the gateway and the
real handlers in one Node process on one machine, measured by a client in that same process.
They compare parts of wikibot with each other within one run; they are not AWS latencies. The
machine is small and shared, so absolute figures move by tens of percent between runs; the
ratios, measured from interleaved samples, move less.

## Budgets

${table(['Budget', 'Limit', 'Measured', 'Met'], r.budgets.map((b) => [b.budget, b.limit, b.measured, `${b.met ? 'yes' : '**no**'}${b.close ? ' (close)' : ''}`]))}

${missed.length === 0 ? 'All budgets are met.' : `${missed.length} of ${r.budgets.length} budgets missed; the sections below say where the time goes.`}${r.budgets.some((b) => b.close) ? ` *Close* marks a figure within ${CLOSE_MARGIN * 100} % of its limit, which on this machine can land on either side of it from one run to the next.` : ''}

## Read path

\`GET ${read.pagePath}\` through the gateway with its page cache **off** (\`X-Cache: Disabled\`):
the real assemble handler, its 3 parallel S3 GETs to s3rver (shell, sidebar, content) and the
stitching. Next to it \`GET ${read.staticPath}\`, which the same gateway serves from the same
s3rver with one GET and no assembly, and the page's 3 fragment GETs made directly with an S3
client (no gateway, no handler). ${read.page.n} of each after ${r.readOptions.warmup} warm-up
rounds, in batches of ${r.readOptions.batch} that rotate between the three kinds; HTTP on one
keep-alive connection. Milliseconds, from writing the request to the last body byte.

${table(['Request', 'n', 'median', 'p90', 'p99', 'min', 'max', 'body'], [
  summaryRow('page, assembled, cache off', read.page, [kib(read.pageBytes)]),
  summaryRow('static file', read.static, [kib(read.staticBytes)]),
  summaryRow('the page\'s 3 fragment GETs alone', read.fragments, ['']),
], R7)}

**page / static: ${x(read.ratioMedian)} at the median, ${x(read.ratioP99)} at p99.**
The fixture page has headings (a TOC), two tables, a task list, code and wikilinks, in a wiki
of ${WIKI_PAGE_COUNT} pages.

Where the page's ${ms(read.page.median)} ms go: the 3 fragment GETs alone take
${ms(read.fragments.median)} ms (${pct(read.fragments.median, read.page.median)} of the page); the gateway, the Lambda event, the
handler's parsing and stitching and the HTTP response make up the other
${ms(read.page.median - read.fragments.median)} ms. Locally the three GETs are parallel in name only: s3rver, the SDK client,
the handler, the gateway and the benchmark client share one event loop, so s3rver's work
(reading each object and its metadata from disk) and the SDK's (signing, parsing) for the three
GETs run one after another instead of overlapping. On AWS they overlap on the network, and the
page waits for the slowest of the three rather than for their sum.${pageBudget && !pageBudget.met ? ` That is where the ${BUDGETS.pageGetMedianMs} ms budget is lost here: the fragment fetches alone are ${read.fragments.median > BUDGETS.pageGetMedianMs ? 'already over it' : `${pct(read.fragments.median, BUDGETS.pageGetMedianMs)} of it`}.` : ''}

## Write path

\`PUT ${w.apiPath}\` with \`{content}\` and a bearer session token, through the gateway and
the real write handler: token verification (jose), tenant lookup (DynamoDB), wiki.db (sql.js),
the commit (isomorphic-git, on the local "EFS" directory), rendering and the S3 PUT of the
fragment. The content alternates between two versions, so every measured save makes a commit.
${r.writeOptions.saves} rounds after ${r.writeOptions.warmup} warm-up rounds; each round runs the three requests below back
to back.

${table(['Request', 'n', 'median', 'p90', 'p99', 'min', 'max'], [
  summaryRow('save (new content: commit + publish)', w.save),
  summaryRow('baseline: GET of the same page via the write API', w.get),
  summaryRow('PUT of unchanged content (no commit)', w.unchanged),
], R7)}

**save / GET: ${x(w.save.median / w.get.median)}**, ${ms(w.save.median - w.get.median)} ms more at the median.

Why this baseline: the GET passes through the same gateway and write function and pays the
same fixed costs every write-API request pays (token verification, the tenant record from
DynamoDB, opening wiki.db, resolving HEAD and reading the page from git, rendering it for its
title), so *save − GET* is what saving itself adds. A plain \`fs.writeFile\` would only say that
git and S3 cost more than one file write. The unchanged PUT splits the difference further: it
runs the whole save path (existence check, hashing and deflating the blob and the trees,
rendering, the S3 PUT of the fragment) but stops before writing a commit object and moving the
branch ref. Because the saves alternate between two contents, their blobs and trees already
exist after the first round and are not rewritten, so *save − unchanged*
(${ms(w.save.median - w.unchanged.median)} ms) is the commit object plus the ref update under its lock, and *unchanged − GET*
(${ms(w.unchanged.median - w.get.median)} ms) is the rest of a save: the git work of a commit that finds nothing to change
(hashing and deflating the blob and trees, walking the tree, the extra reads) and publishing the
fragment to S3. Both requests render the page once.

## Cold load

Each function is bundled with \`lambdaEsbuildOptions\` (ES modules, code splitting), \`FUNCTION_ENTRIES\`
and the \`copySqlWasm\` plugin from esbuild.config.ts into \`.build/{function}/\`, as the deployment
bundles it. Each handler is \`import()\`ed, as Lambda loads an \`.mjs\` handler, in a fresh \`node\` process with only the environment its config parser
needs (AWS_REGION, BUCKET, TENANTS_TABLE, DATA_DIR, SESSION_KEYS, …), next to \`node -e 0\` and a
reference bundle holding nothing but the S3 client the assemble function uses (same esbuild
options). ${r.coldRuns} runs of each, interleaved round by round in rotating order. *Wall* is spawn to exit;
*load* is the handler's \`import()\` (the reference: \`require()\`) alone, timed inside the child.

${table(['What', 'Command', 'n', 'wall median', 'wall p90', '× node -e 0', '+ ms', 'load median'],
  [r.cold.baseline, ...r.cold.bundles].map(coldRow), ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'])}

### Bundle sizes

${table(['Bundle', 'handler JS', 'gzip', 'chunks', 'shipped beside it', 'run at load', 'behind import()', 'inputs'], r.bundles.map((b) => [
  `${b.name} (\`${b.file}\`)`, kib(b.bytes), kib(b.gzipBytes), b.chunks.length > 0 ? `${b.chunks.length}, ${kib(chunkBytes(b))}` : '–',
  b.extras.map((e) => `${e.name} ${kib(e.bytes)}`).join(', ') || '–', kib(b.eagerBytes), kib(b.lazyBytes), String(b.inputs),
]), ['l', 'r', 'r', 'r', 'l', 'r', 'r', 'r'])}

*Run at load* is what loading the handler evaluates (every import edge from the entry except
\`import()\`: the handler file and the chunks it imports statically); *behind import()* sits in
chunks that are not even read until a request first needs them. Handler JS and gzip are the
handler file's sizes; the other byte counts are esbuild's \`bytesInOutput\` per input (the
bundle's own glue is not counted).

### What the assemble bundle loads

${packageTable(assemble, 12)}

Its largest input files:

${fileTable(assemble, 10)}

The assemble function signs its three S3 GETs itself (\`aws4\`, shared/adapters/s3HttpBlobReader.ts):
of the ${kib(assemble.eagerBytes)} it runs at load, ${kib(sdkEager(assemble))} is the AWS SDK. For scale, a bundle of the S3
client alone (\`S3Client\` + \`GetObjectCommand\`, same options) loads in ${ms(referenceCold.wall.median)} ms (${x(referenceCold.ratio)} \`node -e 0\`),
against ${ms(assembleCold.wall.median)} ms (${x(assembleCold.ratio)}) for the whole assemble function.

### What the write bundle loads

${packageTable(write, 12)}

The write bundle's handler loads in ${ms(writeCold.wall.median)} ms (${x(writeCold.ratio)} \`node -e 0\`): its config parser
and logger (the file check below counts what it reads). The wiring (token verification with jose, the adapters: S3
and DynamoDB through signed plain HTTP, no AWS SDK; the route dispatcher) is a chunk loaded by
the first request, since each chunk the handler imported statically cost a read and a compile
at load. Each route family (the JSON API, the dynamic views and editor, MCP, /auth) is a chunk
of its own, and so are isomorphic-git, sql.js and the renderer (micromark; highlight.js and
KaTeX behind it): ${write.chunks.length} chunks, ${kib(chunkBytes(write))}, read from disk only
when a request first needs them. The first save of a fresh process is in the cold-start
section below.

## Structural checks

From the esbuild metafiles (\`.build/{function}/meta.json\`). A failure makes \`npm run bench\`
exit non-zero before any timing; these are not timing assertions.

${r.checks.map((c) => `- ${c.ok ? '✅' : '❌'} ${c.name}\n${c.details.map((d) => `  - \`${d}\``).join('\n')}`).join('\n')}

The write checks follow every import edge from \`functions/write/handler.ts\` except
\`dynamic-import\`, which is what loading the handler evaluates, and require that no file of
the package is reached that way (and, for sql.js and isomorphic-git, that the package is
reached through an \`import()\`). With code splitting that \`import()\` is a chunk file of its
own beside the handler, so the code ships with the bundle but is read and run only when a
request first needs it. The same check covers the backfill and edge-sync bundles. The assemble check requires that no file of these packages is in the bundle at all,
lazily or not (\`micromark*\` covers micromark and all its extensions and utilities).
The file check counts the output files an \`import()\` of the write handler reads (its entry
and the chunks it imports statically, each a read and a compile of its own) and the Node
built-ins they import (bench/loadFiles.ts).

## How to reproduce

\`\`\`sh
npm ci
npm run bench              # full run (~1–2 min): prints the figures and rewrites this file
npm run bench -- --quick   # smoke test with few samples; prints only, leaves this file alone
npm run bench -- --no-docs # full run without rewriting this file
npm run build              # only the function bundles and their metafiles, into .build/
\`\`\`

The benchmark builds the bundles and checks their structure, starts its own platform
(\`startPlatform\` with ports 0, a fresh temporary data directory, DynamoDB in memory, the
gateway's page cache off, logs quiet), creates a wiki through the HTTP API with a session token
signed by the key in local/settings.json, measures reads and writes, stops the platform, and
measures cold loads with nothing else of its own running. Close other work first; on a 2-core
machine the client, gateway, handlers, s3rver and dynalite share the two cores.

Percentiles interpolate linearly between the closest ranks. A p99 of a few hundred samples is
the slowest handful of requests: read it as "the tail", not as a precise figure.
`;
}
