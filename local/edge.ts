import type { IncomingMessage } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { buildCloudFrontFunction, buildEdgeLambda } from '../functions/edge-auth/build';
import type { EdgeLambdaHandler } from '../functions/edge-auth/lambdaEdge';
import { applyStreamRecords } from '../functions/edge-sync/sync';
import { memoryEdgeConfigStore, type MemoryEdgeConfigStore } from '../shared/adapters/memoryEdgeConfigStore';
import { sessionKeyEntries } from '../shared/adapters/tenantEdgeEntries';
import { parseSessionKeys } from '../shared/auth/sessionKeys';
import { parseCookieHeaders } from '../shared/core/edge/cookies';
import { ACCESS_HEADER } from '../shared/core/edgePolicy';
import type { TenantStore } from '../shared/ports/tenantStore';
import { loadCommonJsBundle } from './bundleLoader';
import { loadCloudFrontFunction, type CloudFrontFunctionSandbox } from './cloudfrontSandbox';
import type { CachedResponse } from './pageCache';
import { TenantStreamEmulator } from './tenantStream';

/** Which edge build the local gateway runs in front of pages, dynamic views and /auth. */
export type EdgeMode = 'function' | 'lambda' | 'off';

export type EdgeOutcome =
  | {
    readonly pass: true;
    readonly uri: string;
    readonly access: string;
    /** The request's headers as the function left them (lower-case names; cookies stay in `cookie`). */
    readonly headers: Record<string, string>;
  }
  | { readonly pass: false; readonly response: CachedResponse };

/** The gateway's hook: the viewer's request and its path (no query) → forward, or answer at the edge. */
export type EdgeGate = (request: IncomingMessage, path: string) => Promise<EdgeOutcome>;

export interface LocalEdgeOptions {
  readonly mode: Exclude<EdgeMode, 'off'>;
  readonly dynamo: DynamoDBClient;
  readonly dynamoEndpoint: string;
  readonly region: string;
  readonly table: string;
  readonly sessionKeys: string;
  readonly issuer: string;
  readonly audience: string;
  /** How often the emulated stream is polled for writes that bypass watch() (default 1000 ms). */
  readonly pollMs?: number;
  readonly log?: (entry: Record<string, unknown>) => void;
}

export interface LocalEdge {
  readonly mode: Exclude<EdgeMode, 'off'>;
  readonly gate: EdgeGate;
  /** The in-process KeyValueStore edge-sync writes and the CloudFront Function reads. */
  readonly store: MemoryEdgeConfigStore;
  /** The CloudFront Function's sandbox (mode `function`), e.g. to count its crypto calls. */
  readonly sandbox?: CloudFrontFunctionSandbox;
  readonly pollMs: number;
  /** Polls the emulated stream now and applies what changed (edge-sync's own code); serialised. */
  sync(): Promise<void>;
  /** Wraps a TenantStore so that each of its writes returns only after the edge has seen it. */
  watch(tenants: TenantStore): TenantStore;
  /** Stops polling and waits for a sync under way: the table must not be scanned once its emulator is closed. */
  stop(): Promise<void>;
}

const WRITES = new Set(['createWiki', 'updateWiki', 'deleteWiki', 'putMember', 'deleteMember']);

/**
 * The edge of the local platform (DESIGN §7). Config sync: dynalite has no streams, so the tenants
 * table is scanned and diffed into stream records (local/tenantStream.ts) that go through
 * edge-sync's applyStreamRecords into the in-process store, exactly as the Lambda does with the
 * real stream. Two triggers: the write function's own tenant writes (watch(): the write returns
 * once the store has it, so a revocation is effective before the API answers), and a poll every
 * second for anything else that writes the table (imports, other processes).
 */
export async function startLocalEdge(options: LocalEdgeOptions): Promise<LocalEdge> {
  const store = memoryEdgeConfigStore();
  const keys = parseSessionKeys(options.sessionKeys);
  await store.apply({ puts: sessionKeyEntries(keys, options.issuer, options.audience), deletes: [] });
  const stream = new TenantStreamEmulator(options.dynamo, options.table);
  const pollMs = options.pollMs ?? 1000;

  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const sync = () => {
    chain = chain.then(async () => {
      if (stopped) return;
      const records = await stream.poll();
      if (records.length) await applyStreamRecords(records, store);
    }).catch((error: unknown) => options.log?.({ level: 'ERROR', message: 'edge sync failed', error: String(error) }));
    return chain;
  };
  await sync();
  const timer = setInterval(() => void sync(), pollMs);
  timer.unref();

  let gate: EdgeGate;
  let sandbox: CloudFrontFunctionSandbox | undefined;
  if (options.mode === 'function') {
    const fn = loadCloudFrontFunction(await buildCloudFrontFunction(), (key) => store.peek(key));
    sandbox = fn;
    gate = (request, path) => runCloudFrontFunction(fn, request, path);
  } else {
    const bundle = loadCommonJsBundle<{ handler: EdgeLambdaHandler }>(await buildEdgeLambda({
      region: options.region, tenantsTable: options.table, dynamoEndpoint: options.dynamoEndpoint,
      sessionKeys: options.sessionKeys, issuer: options.issuer, audience: options.audience,
    }));
    gate = (request, path) => runLambdaEdge(bundle.handler, request, path);
  }

  return {
    mode: options.mode,
    gate,
    store,
    sandbox,
    pollMs,
    sync,
    watch(tenants) {
      return new Proxy(tenants, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver) as unknown;
          if (typeof value !== 'function' || !WRITES.has(String(name))) return value;
          return async (...args: unknown[]) => {
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            await sync();
            return result;
          };
        },
      });
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await chain;
    },
  };
}

interface CfValue {
  value: string;
  multiValue?: { value: string }[];
}

/** What the event builders read of a viewer's request (an IncomingMessage, or a test's plain object). */
export type ViewerRequest = Pick<IncomingMessage, 'method' | 'url' | 'headers'> & { readonly socket?: { readonly remoteAddress?: string } };

/** A viewer request → CloudFront Functions' viewer-request event (headers and cookies as CloudFront splits them). */
export function cloudFrontFunctionEvent(request: ViewerRequest, path: string) {
  const headers: Record<string, CfValue> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'cookie' || value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.length > 1 ? { value: values[0]!, multiValue: values.map((v) => ({ value: v })) } : { value: values[0]! };
  }
  const cookies: Record<string, CfValue> = {};
  for (const { name, value } of parseCookieHeaders(cookieHeaders(request))) {
    const seen = cookies[name];
    if (!seen) cookies[name] = { value };
    else seen.multiValue = [...(seen.multiValue ?? [{ value: seen.value }]), { value }];
  }
  const query: Record<string, CfValue> = {};
  for (const [key, value] of new URL(request.url ?? '/', 'http://localhost').searchParams) query[key] = { value };
  return {
    version: '1.0',
    context: { distributionDomainName: 'localhost', distributionId: 'LOCAL', eventType: 'viewer-request', requestId: 'local' },
    viewer: { ip: request.socket?.remoteAddress ?? '127.0.0.1' },
    request: { method: request.method ?? 'GET', uri: path, querystring: query, headers, cookies },
  };
}

function cookieHeaders(request: ViewerRequest): string[] {
  const value = request.headers.cookie;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export async function runCloudFrontFunction(fn: CloudFrontFunctionSandbox, request: ViewerRequest, path: string): Promise<EdgeOutcome> {
  const result = (await fn.handler(cloudFrontFunctionEvent(request, path))) as {
    statusCode?: number;
    uri?: string;
    headers: Record<string, CfValue>;
    body?: { data: string } | string;
  };
  if (result.statusCode === undefined) {
    const headers: Record<string, string> = {};
    for (const [name, header] of Object.entries(result.headers)) {
      headers[name] = header.multiValue ? header.multiValue.map((v) => v.value).join(',') : header.value;
    }
    const cookie = request.headers.cookie;
    if (cookie !== undefined) headers.cookie = Array.isArray(cookie) ? cookie.join('; ') : cookie;
    return { pass: true, uri: result.uri ?? path, access: headers[ACCESS_HEADER] ?? 'none', headers };
  }
  const headers: Record<string, string> = {};
  for (const [name, { value }] of Object.entries(result.headers)) headers[name] = value;
  const body = typeof result.body === 'string' ? result.body : result.body?.data ?? '';
  return { pass: false, response: { statusCode: result.statusCode, headers, body: Buffer.from(body) } };
}

/** A viewer request → Lambda@Edge's viewer-request event. */
export function lambdaEdgeEvent(request: ViewerRequest, path: string): CloudFrontRequestEvent {
  const headers: Record<string, { key: string; value: string }[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = (Array.isArray(value) ? value : [value]).map((v) => ({ key: name, value: v }));
  }
  const event = {
    Records: [{
      cf: {
        config: { distributionDomainName: 'localhost', distributionId: 'LOCAL', eventType: 'viewer-request', requestId: 'local' },
        request: {
          clientIp: request.socket?.remoteAddress ?? '127.0.0.1', method: request.method ?? 'GET', uri: path,
          querystring: new URL(request.url ?? '/', 'http://localhost').search.slice(1), headers,
        },
      },
    }],
  } as unknown as CloudFrontRequestEvent;
  return event;
}

export async function runLambdaEdge(handler: EdgeLambdaHandler, request: ViewerRequest, path: string): Promise<EdgeOutcome> {
  const result = (await handler(lambdaEdgeEvent(request, path))) as CloudFrontRequestResult & Record<string, unknown>;
  if (result && 'status' in result && result.status) {
    const out: Record<string, string> = {};
    for (const [name, list] of Object.entries((result.headers ?? {}) as Record<string, { value: string }[]>)) out[name] = list[0]!.value;
    return { pass: false, response: { statusCode: Number(result.status), headers: out, body: Buffer.from(String(result.body ?? '')) } };
  }
  const forwarded = result as { uri: string; headers: Record<string, { value: string }[]> };
  const headers: Record<string, string> = {};
  for (const [name, list] of Object.entries(forwarded.headers)) headers[name] = list.map((h) => h.value).join(name === 'cookie' ? '; ' : ',');
  return { pass: true, uri: forwarded.uri, access: headers[ACCESS_HEADER] ?? 'none', headers };
}
