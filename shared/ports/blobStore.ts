export interface PutOptions {
  readonly contentType: string;
  readonly cacheControl?: string;
}

/** Objects by key: S3 in AWS, a directory or s3rver locally. */
export interface BlobStore {
  /** The object's body as UTF-8 text, or undefined when there is no such object. */
  getText(key: string): Promise<string | undefined>;
  put(key: string, body: string | Uint8Array, options: PutOptions): Promise<void>;
  delete(key: string): Promise<void>;
}
