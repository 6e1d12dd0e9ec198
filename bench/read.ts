import { expectStatus, type KeepAliveClient } from './client';
import { READ_PAGE, pageUrlPath } from './fixture';
import { ratio, summarize, type Summary } from './stats';

export interface ReadOptions {
  /** Requests of each kind before measuring (connections, JIT, s3rver's file cache). */
  readonly warmup: number;
  /** Measured requests of each kind. */
  readonly requests: number;
  /** Requests per batch; batches of the two kinds alternate. */
  readonly batch: number;
  /** The static file for the baseline: the favicon at its content-hashed path. */
  readonly staticPath: string;
}

export interface ReadResult {
  readonly pagePath: string;
  readonly staticPath: string;
  readonly page: Summary;
  readonly static: Summary;
  /** The page's 3 fragment GETs alone: S3 client → s3rver, in parallel, no gateway, no assembly. */
  readonly fragments: Summary;
  readonly pageBytes: number;
  readonly staticBytes: number;
  /** page median / static median. */
  readonly ratioMedian: number;
  readonly ratioP99: number;
}

/**
 * Page GETs through the gateway with its cache off (assemble handler + 3 s3rver GETs), next to a
 * static file the same gateway serves from the same s3rver (1 GET, no assembly), and next to the
 * page's 3 fragment GETs made directly (`fetchFragments`: what assembly waits for, without the
 * gateway or the handler). The kinds rotate in batches, the HTTP ones on one keep-alive
 * connection, so machine noise lands on all of them alike.
 */
export async function benchRead(
  client: KeepAliveClient,
  fetchFragments: () => Promise<unknown>,
  options: ReadOptions,
): Promise<ReadResult> {
  const pagePath = pageUrlPath(READ_PAGE);
  const getPage = async () => {
    const response = expectStatus(await client.request({ path: pagePath }), 200, `GET ${pagePath}`);
    if (response.headers['x-cache'] !== 'Disabled') {
      throw new Error(`GET ${pagePath} answered X-Cache: ${String(response.headers['x-cache'])}; the gateway cache must be off.`);
    }
    return response;
  };
  const getStatic = async () => expectStatus(await client.request({ path: options.staticPath }), 200, `GET ${options.staticPath}`);

  // Sanity: the page really is the assembled fixture (shell + sidebar + content + TOC).
  const first = (await getPage()).body.toString('utf8');
  for (const needle of ['<table', 'href="/bench/perf/getting%20started"', 'Architecture']) {
    if (!first.toLowerCase().includes(needle.toLowerCase())) {
      throw new Error(`The assembled page does not contain ${needle}; the fixture did not render as expected.`);
    }
  }

  const getFragments = async () => {
    const start = process.hrtime.bigint();
    await fetchFragments();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };

  for (let i = 0; i < options.warmup; i++) {
    await getPage();
    await getStatic();
    await getFragments();
  }

  let pageBytes = 0;
  let staticBytes = 0;
  const kinds = [
    { samples: [] as number[], run: async () => { const r = await getPage(); pageBytes = r.body.length; return r.ms; } },
    { samples: [] as number[], run: async () => { const r = await getStatic(); staticBytes = r.body.length; return r.ms; } },
    { samples: [] as number[], run: getFragments },
  ];
  for (let round = 0; kinds.some((k) => k.samples.length < options.requests); round++) {
    // Rotate which kind goes first, so none always follows another.
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(round + k) % kinds.length]!;
      const n = Math.min(options.batch, options.requests - kind.samples.length);
      for (let i = 0; i < n; i++) kind.samples.push(await kind.run());
    }
  }
  const pageSummary = summarize(kinds[0]!.samples);
  const staticSummary = summarize(kinds[1]!.samples);
  return {
    pagePath,
    staticPath: options.staticPath,
    page: pageSummary,
    static: staticSummary,
    fragments: summarize(kinds[2]!.samples),
    pageBytes,
    staticBytes,
    ratioMedian: ratio(pageSummary.median, staticSummary.median),
    ratioP99: ratio(pageSummary.p99, staticSummary.p99),
  };
}
