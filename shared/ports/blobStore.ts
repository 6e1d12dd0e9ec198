export interface PutOptions {
  readonly contentType: string;
  readonly cacheControl?: string;
  /** `Content-Disposition`, e.g. to make a browser download an attachment instead of rendering it. */
  readonly contentDisposition?: string;
}

/** Objects by key: S3 in AWS, a directory or s3rver locally. */
export interface BlobStore {
  /** The object's body as UTF-8 text, or undefined when there is no such object. */
  getText(key: string): Promise<string | undefined>;
  put(key: string, body: string | Uint8Array, options: PutOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix`, in ascending order (all pages of a listing). */
  list(prefix: string): Promise<string[]>;
}
