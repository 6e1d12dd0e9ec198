/**
 * The CloudFront Function's cost, measured in the node:vm sandbox that runs the shipped script
 * (local/cloudfrontSandbox.ts): per request, the public path (one KVS read, no crypto) and the
 * private path (HS256 verify + KVS reads: `w:` and `k:` for the owner, plus `m:` for a member).
 * Budget (issue 5): verify + two KVS lookups ≤ 50 µs median; the public path does no crypto.
 *
 *   npx tsx bench/edge.ts [--requests N]       or, from bench/run.ts:  await benchEdge({ requests: 5000 })
 */
import { parseArgs } from 'node:util';
import { buildCloudFrontFunction } from '../functions/edge-auth/build';
import { loadCloudFrontFunction } from '../local/cloudfrontSandbox';
import { signSessionToken } from '../shared/auth/sessionToken';

export interface EdgeBenchOptions {
  readonly requests: number;
  readonly warmup?: number;
}

export interface EdgePathFigures {
  readonly medianMicros: number;
  readonly p95Micros: number;
  /** Per request. */
  readonly createHmac: number;
  readonly createHash: number;
  readonly kvsGets: number;
}

export interface EdgeBenchResult {
  readonly bytes: number;
  readonly public: EdgePathFigures;
  /** The namespace owner: verify + two KVS lookups (w:, k:). */
  readonly privateOwner: EdgePathFigures;
  /** A member: verify + three KVS lookups (w:, k:, m:). */
  readonly privateMember: EdgePathFigures;
  readonly budgetMicros: number;
  readonly withinBudget: boolean;
}

export const EDGE_BUDGET_MICROS = 50;
const SECRET = 'bench-secret-that-is-long-enough-0123456789';

export async function benchEdge(options: EdgeBenchOptions = { requests: 5000 }): Promise<EdgeBenchResult> {
  const code = await buildCloudFrontFunction();
  const kvs = new Map<string, string>([
    ['w:alice/open', 'public'],
    ['w:alice/closed', 'private'],
    ['m:alice/closed:bob', 'reader'],
    ['k:k1', JSON.stringify({ s: Buffer.from(SECRET).toString('base64url'), iss: 'wikibot', aud: 'wikibot' })],
  ]);
  const fn = loadCloudFrontFunction(code, (key) => kvs.get(key));
  const key = { kid: 'k1', secret: new TextEncoder().encode(SECRET) };
  const token = (sub: string) => signSessionToken({ sub, name: sub }, key, { issuer: 'wikibot', audience: 'wikibot', ttlSeconds: 3600 });
  const event = (uri: string, cookie?: string) => () => ({
    version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '192.0.2.1' },
    request: {
      method: 'GET', uri, querystring: {}, headers: { accept: { value: 'text/html' }, host: { value: 'wiki.example' } },
      cookies: cookie ? { '__Host-wb_session': { value: cookie } } : {},
    },
  });
  const [alice, bob] = [await token('alice'), await token('bob')];

  async function measure(make: () => unknown, expectPass: boolean): Promise<EdgePathFigures> {
    for (let i = 0; i < (options.warmup ?? 500); i++) await fn.handler(make());
    Object.assign(fn.counters, { createHmac: 0, createHash: 0, kvsGets: 0 });
    const samples: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const ev = make();
      const start = process.hrtime.bigint();
      const out = (await fn.handler(ev)) as { statusCode?: number };
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
      if ((out.statusCode === undefined) !== expectPass) throw new Error('The gate decided differently from what the benchmark expects.');
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]! * 10) / 10;
    const n = options.requests;
    return { medianMicros: at(0.5), p95Micros: at(0.95), createHmac: fn.counters.createHmac / n, createHash: fn.counters.createHash / n, kvsGets: fn.counters.kvsGets / n };
  }

  const result = {
    bytes: Buffer.byteLength(code),
    public: await measure(event('/alice/open/Home', bob), true),
    privateOwner: await measure(event('/alice/closed/Home', alice), true),
    privateMember: await measure(event('/alice/closed/Home', bob), true),
    budgetMicros: EDGE_BUDGET_MICROS,
  };
  return {
    ...result,
    withinBudget: result.public.createHmac === 0 && result.public.createHash === 0 && result.privateOwner.medianMicros <= EDGE_BUDGET_MICROS,
  };
}

/** A markdown section for docs/benchmarks.md. */
export function edgeBenchMarkdown(r: EdgeBenchResult): string {
  const row = (name: string, f: EdgePathFigures) =>
    `| ${name} | ${f.medianMicros} | ${f.p95Micros} | ${f.kvsGets} | ${f.createHmac} |`;
  return [
    `### Edge gate (CloudFront Function, ${r.bytes} bytes, in the node:vm sandbox)`,
    '',
    '| path | median µs | p95 µs | KVS reads | HMACs |',
    '|---|---|---|---|---|',
    row('public wiki', r.public),
    row('private wiki, owner (verify + 2 lookups)', r.privateOwner),
    row('private wiki, member (verify + 3 lookups)', r.privateMember),
    '',
    `Budget: verify + two KVS lookups ≤ ${r.budgetMicros} µs median, no crypto on the public path: ${r.withinBudget ? 'met' : 'MISSED'}.`,
  ].join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '5000' } } });
  benchEdge({ requests: Number(values.requests) }).then((r) => {
    console.log(edgeBenchMarkdown(r));
    process.exit(r.withinBudget ? 0 : 1);
  }, (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
