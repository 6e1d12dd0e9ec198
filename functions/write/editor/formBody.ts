import { InvalidInputError, PayloadTooLargeError } from '../../../shared/core/errors';
import type { HttpRequest } from '../../../shared/http/request';

/** A file from a multipart form. */
export interface FormFile {
  readonly name: string;
  /** The type the browser claimed; never trusted for serving (shared/core/attachments contentTypeOf). */
  readonly type: string;
  readonly content: Uint8Array;
}

/** The fields of an HTML form post: `application/x-www-form-urlencoded` or `multipart/form-data`. */
export interface FormBody {
  get(name: string): string | undefined;
  readonly files: readonly FormFile[];
}

/** A file entry of the runtime's FormData (a WHATWG File). */
interface UploadedFile {
  readonly name: string;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const kind = (request: HttpRequest) => (request.headers['content-type'] ?? '').toLowerCase();

export function isMultipart(request: HttpRequest): boolean {
  return kind(request).startsWith('multipart/form-data');
}

/**
 * Parses a form body of at most `maxBytes` (413 beyond). Multipart bodies are parsed by the
 * runtime's own WHATWG `Response.formData()` (undici), so no parser of ours touches the bytes.
 */
export async function readForm(request: HttpRequest, maxBytes: number): Promise<FormBody> {
  const bytes = request.bodyBytes ?? new Uint8Array();
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(`The form is larger than ${maxBytes} bytes.`);
  const type = kind(request);
  if (type.startsWith('application/x-www-form-urlencoded') || (bytes.length === 0 && !type.startsWith('multipart/'))) {
    const params = new URLSearchParams(Buffer.from(bytes).toString('utf8'));
    return { get: (name) => params.get(name) ?? undefined, files: [] };
  }
  if (!type.startsWith('multipart/form-data')) throw new InvalidInputError('Send the form as application/x-www-form-urlencoded or multipart/form-data.');
  let data: Iterable<[string, string | UploadedFile]>;
  try {
    const body = bytes as unknown as ConstructorParameters<typeof Response>[0];
    data = (await new Response(body, { headers: { 'content-type': request.headers['content-type']! } }).formData()) as unknown as typeof data;
  } catch {
    throw new InvalidInputError('The form could not be read (malformed multipart body).');
  }
  const fields = new Map<string, string>();
  const files: FormFile[] = [];
  for (const [name, value] of data) {
    if (typeof value === 'string') {
      if (!fields.has(name)) fields.set(name, value);
    } else if (name === 'file' && value.name) {
      files.push({ name: value.name, type: value.type, content: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { get: (name) => fields.get(name), files };
}
