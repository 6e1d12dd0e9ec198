import { expectStatus, type KeepAliveClient } from './client';
import { WRITE_PAGE, authHeaders, pageApiPath } from './fixture';
import { summarize, type Summary } from './stats';

export interface WriteOptions {
  readonly warmup: number;
  /** Measured rounds; each round is one save, one API GET and one unchanged save. */
  readonly saves: number;
}

export interface WriteResult {
  readonly apiPath: string;
  /** PUT with new content: auth, tenant lookup, wiki.db, git commit, render, S3 PUT. */
  readonly save: Summary;
  /** GET of the same page through the write API: the same function, auth, tenant lookup, wiki.db and git read, no mutation. */
  readonly get: Summary;
  /** PUT of the content the page already has: everything a save does except writing a commit. */
  readonly unchanged: Summary;
}

interface PutReply {
  readonly changed: boolean;
  readonly unpublished: string[];
}

/**
 * Page saves through the gateway and the real write handler, next to two baselines from the same
 * run: a GET of the same page through the write API (what any write-API request costs before it
 * mutates anything) and a PUT of unchanged content (a save without the commit). Saves alternate
 * between two contents, so every measured save makes a commit; the three kinds interleave.
 */
export async function benchWrite(client: KeepAliveClient, token: string, options: WriteOptions): Promise<WriteResult> {
  const apiPath = pageApiPath(WRITE_PAGE);
  const headers = authHeaders(token);
  const contentOf = (i: number) =>
    `# Write Bench\n\nVersion ${i % 2 === 0 ? 'A' : 'B'}: a short page with a [[Docs/Architecture|link]].\n\n## Notes\n\n- item ${i % 2}\n`;

  const put = async (content: string, expectChanged: boolean) => {
    const response = expectStatus(
      await client.request({ method: 'PUT', path: apiPath, headers, body: JSON.stringify({ content }) }),
      200, `PUT ${apiPath}`,
    );
    const reply = JSON.parse(response.body.toString('utf8')) as PutReply;
    if (reply.changed !== expectChanged) {
      throw new Error(`PUT ${apiPath} answered changed=${reply.changed}; expected ${expectChanged}.`);
    }
    if (reply.unpublished.length > 0) throw new Error(`PUT ${apiPath} could not publish ${reply.unpublished.join(', ')}.`);
    return response.ms;
  };
  const get = async () => expectStatus(await client.request({ path: apiPath, headers }), 200, `GET ${apiPath}`).ms;

  const saves: number[] = [];
  const gets: number[] = [];
  const unchanged: number[] = [];
  for (let i = 0; i < options.warmup + options.saves; i++) {
    const content = contentOf(i);
    const steps = [
      async () => ({ kind: saves, ms: await put(content, true) }),
      async () => ({ kind: gets, ms: await get() }),
      async () => ({ kind: unchanged, ms: await put(content, false) }),
    ];
    // The save comes first (the unchanged PUT repeats its content); the other two swap places.
    const order = i % 2 === 0 ? [0, 1, 2] : [0, 2, 1];
    for (const index of order) {
      const { kind, ms } = await steps[index]!();
      if (i >= options.warmup) kind.push(ms);
    }
  }
  return { apiPath, save: summarize(saves), get: summarize(gets), unchanged: summarize(unchanged) };
}
