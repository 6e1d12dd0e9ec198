import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeKvs {
  readonly endpoint: string;
  readonly entries: Map<string, string>;
  /** Every UpdateKeys call: its If-Match and sizes, and whether it was refused as stale. */
  readonly updates: { ifMatch: string; puts: number; deletes: number; conflict: boolean }[];
  /** Makes the next N UpdateKeys fail with a ConflictException, as if another writer got there first. */
  conflictNext(n: number): void;
  close(): Promise<void>;
}

/**
 * A tiny stand-in for the CloudFront KeyValueStore data-plane API (REST-JSON): DescribeKeyValueStore,
 * GetKey, ListKeys and UpdateKeys with ETag checks, enough to test the adapter's batching and
 * retries against real HTTP. It checks that requests are signed (SigV4a) but not the signature.
 */
export async function startFakeKvs(arn: string): Promise<FakeKvs> {
  const entries = new Map<string, string>();
  const updates: FakeKvs['updates'] = [];
  let version = 1;
  let conflicts = 0;
  const etag = () => `KV${version}`;
  const prefix = `/key-value-stores/${encodeURIComponent(arn)}`;
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, type: string, message: string) =>
    send(res, status, { message }, { 'x-amzn-errortype': type });

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (!/^AWS4-ECDSA-P256-SHA256 |^AWS4-HMAC-SHA256 /.test(String(req.headers.authorization))) return error(res, 403, 'AccessDeniedException', 'unsigned');
      const url = new URL(req.url ?? '/', 'http://x');
      if (!url.pathname.startsWith(prefix)) return error(res, 404, 'ResourceNotFoundException', `no store at ${url.pathname}`);
      const rest = url.pathname.slice(prefix.length);
      const size = [...entries].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
      if (req.method === 'GET' && rest === '') {
        return send(res, 200, { KvsARN: arn, Created: 0, ItemCount: entries.size, TotalSizeInBytes: size }, { etag: etag() });
      }
      if (req.method === 'GET' && rest.startsWith('/keys/')) {
        const key = decodeURIComponent(rest.slice('/keys/'.length));
        if (!entries.has(key)) return error(res, 404, 'ResourceNotFoundException', 'no such key');
        return send(res, 200, { Key: key, Value: entries.get(key), ItemCount: entries.size, TotalSizeInBytes: size });
      }
      if (req.method === 'GET' && rest === '/keys') {
        const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
        const start = Number(url.searchParams.get('NextToken') ?? 0);
        const max = Number(url.searchParams.get('MaxResults') ?? 50);
        const page = sorted.slice(start, start + max);
        return send(res, 200, { Items: page.map(([Key, Value]) => ({ Key, Value })), ...(start + max < sorted.length ? { NextToken: String(start + max) } : {}) });
      }
      if (req.method === 'POST' && rest === '/keys') {
        const ifMatch = String(req.headers['if-match'] ?? '');
        const input = JSON.parse(body) as { Puts?: { Key: string; Value: string }[]; Deletes?: { Key: string }[] };
        const puts = input.Puts ?? [];
        const deletes = input.Deletes ?? [];
        const conflict = conflicts > 0 || ifMatch !== etag();
        updates.push({ ifMatch, puts: puts.length, deletes: deletes.length, conflict });
        if (conflict) {
          if (conflicts > 0) {
            conflicts--;
            version++;
          }
          return error(res, 409, 'ConflictException', 'The ETag does not match.');
        }
        if (puts.length + deletes.length > 50) return error(res, 400, 'ValidationException', 'Too many keys in one request.');
        if (deletes.some((d) => !entries.has(d.Key))) return error(res, 404, 'ResourceNotFoundException', 'Key to delete does not exist.');
        for (const d of deletes) entries.delete(d.Key);
        for (const p of puts) entries.set(p.Key, p.Value);
        version++;
        return send(res, 200, { ItemCount: entries.size, TotalSizeInBytes: size }, { etag: etag() });
      }
      return error(res, 400, 'ValidationException', `unexpected ${req.method} ${rest}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    entries,
    updates,
    conflictNext: (n) => (conflicts = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
