/** Read-only access to objects by key: all the read path needs of a blob store. */
export interface BlobReader {
  /** The object's body as UTF-8 text, or undefined when there is no such object. */
  getText(key: string): Promise<string | undefined>;
}
