import type { WriteHandler } from '../../../../functions/write/app';
import { event } from '../../../helpers/events';

export interface ViewResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface PostOptions {
  readonly query?: string;
  /** Files for a multipart/form-data body (then every field goes into it too). */
  readonly files?: readonly { name: string; content: Uint8Array; type?: string }[];
  readonly accept?: string;
  readonly headers?: Record<string, string>;
}

/** The hidden CSRF field of the first form on a page. */
export function csrfOf(html: string): string {
  const match = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(html);
  if (!match) throw new Error('The page has no CSRF field.');
  return match[1]!;
}

/**
 * A tiny stand-in for a browser talking to the write handler directly: it keeps cookies (the
 * session, and the CSRF cookie the views set) and posts forms as a browser does, URL-encoded or
 * multipart.
 */
export class ViewBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly handler: WriteHandler, session?: string) {
    if (session) this.cookies.set('__Host-wb_session', session);
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  private async send(method: string, path: string, options: { query?: string; body?: string; base64?: string; headers?: Record<string, string> }): Promise<ViewResponse> {
    const [rawPath, query = options.query] = path.split('?');
    const ev = event(method, rawPath!, { body: options.body, headers: { ...this.cookieHeader(), ...options.headers }, query });
    const response = await this.handler(options.base64 !== undefined ? { ...ev, body: options.base64, isBase64Encoded: true } : ev);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers ?? {})) headers[k.toLowerCase()] = String(v);
    const setCookie = headers['set-cookie'];
    if (setCookie) {
      const [pair] = setCookie.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return { status: response.statusCode, headers, body: String(response.body ?? '') };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<ViewResponse> {
    return this.send('GET', path, { headers });
  }

  async post(path: string, fields: Record<string, string>, options: PostOptions = {}): Promise<ViewResponse> {
    const headers = { ...(options.accept ? { accept: options.accept } : {}), ...options.headers };
    if (options.files) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const file of options.files) form.append('file', new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
      const request = new Request('http://localhost/', { method: 'POST', body: form });
      const bytes = Buffer.from(await request.arrayBuffer());
      return this.send('POST', path, { query: options.query, base64: bytes.toString('base64'), headers: { 'content-type': request.headers.get('content-type')!, ...headers } });
    }
    return this.send('POST', path, {
      query: options.query,
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }
}
