/** The `cloudfront` module of the CloudFront Functions runtime (cloudfront-js-2.0). */
declare module 'cloudfront' {
  interface KeyValueStoreHandle {
    /** Resolves the value; rejects when the key does not exist. */
    get(key: string, options?: { format?: 'string' | 'json' | 'bytes' }): Promise<string>;
    exists(key: string): Promise<boolean>;
  }
  const cf: { kvs(id?: string): KeyValueStoreHandle };
  export default cf;
}
