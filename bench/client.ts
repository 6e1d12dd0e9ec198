import * as http from 'node:http';

/** One HTTP exchange, timed from just before the request is written to the last body byte. */
export interface Timed {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly ms: number;
}

export interface RequestSpec {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/**
 * A minimal keep-alive client: one socket, reused, so every timed request measures the server
 * and not TCP set-up. `fetch` (undici) is avoided on purpose: its pooling and stream machinery
 * would add client-side work that is not the platform's.
 */
export class KeepAliveClient {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    // The gateway listens on 127.0.0.1; skip the name lookup of "localhost".
    this.host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
    this.port = Number(url.port);
  }

  request(spec: RequestSpec): Promise<Timed> {
    return new Promise((resolve, reject) => {
      const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
      const headers: Record<string, string> = { ...spec.headers };
      if (body) headers['content-length'] = String(body.length);
      const start = process.hrtime.bigint();
      const request = http.request(
        { agent: this.agent, host: this.host, port: this.port, method: spec.method ?? 'GET', path: spec.path, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const ms = Number(process.hrtime.bigint() - start) / 1e6;
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), ms });
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** Throws with the response text when the status is not the expected one. */
export function expectStatus(response: Timed, expected: number | readonly number[], what: string): Timed {
  const ok = typeof expected === 'number' ? response.status === expected : expected.includes(response.status);
  if (!ok) {
    throw new Error(`${what}: expected HTTP ${String(expected)}, got ${response.status}: ${response.body.toString('utf8').slice(0, 500)}`);
  }
  return response;
}
