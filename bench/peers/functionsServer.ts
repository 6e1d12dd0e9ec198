import * as http from 'node:http';
import { eventV2 } from '../../local/events';
import { MAX_API_BODY_BYTES, readBody, send, toCached, type LambdaHandler } from '../../local/gateway';
import { listen } from '../../local/listen';

/**
 * The paths the side-by-side sends to the write function, as the distribution's behaviours do:
 * the API (`/api/…`) and the dynamic views (`/{user}/{wiki}/-/…`: history, changelog). Every
 * other path it requests is a page view, which goes to the assemble function. Only what the
 * side-by-side asks for: no static assets, attachments or sidebar fragments, no edge function.
 */
const WRITE_PATH = /^\/api\/|^\/[^/]+\/[^/]+\/-\//;

export interface FunctionsServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The write and assemble handlers behind a bare HTTP server on 127.0.0.1: each request becomes
 * the payload-v2 event API Gateway (or the Function URL) would send, each result the response
 * it would make, with the local platform's own converters (local/events.ts, local/gateway.ts).
 * No cache, edge gate or header policy: the side-by-side measures the functions, and in AWS
 * the distribution in front of them does not run on their CPU.
 */
export async function startFunctionsServer(handlers: { write: LambdaHandler; assemble: LambdaHandler }): Promise<FunctionsServer> {
  const server = http.createServer((request, response) => {
    void (async () => {
      const rawPath = (request.url ?? '/').split('?')[0]!;
      const write = WRITE_PATH.test(rawPath);
      const body = await readBody(request, MAX_API_BODY_BYTES);
      if (body === 'too large') throw new Error(`request body over ${MAX_API_BODY_BYTES} bytes`);
      const event = eventV2(request, body, { routeKey: '$default', apiId: write ? 'local-api' : 'local-url', domainName: request.headers.host ?? 'localhost' });
      send(response, toCached(await (write ? handlers.write : handlers.assemble)(event)), request.method === 'HEAD');
    })().catch((error: unknown) => {
      process.stderr.write(`functions server: ${String((error as Error)?.stack ?? error)}\n`);
      if (!response.headersSent) send(response, { statusCode: 502, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Bad gateway\n') }, false);
    });
  });
  server.keepAliveTimeout = 5_000;
  const address = await listen(server, 0, 'functions server', '(none)');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
