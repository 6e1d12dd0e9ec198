import type { WikiId } from '../core/slugs';

export type Visibility = 'public' | 'private';

export interface WikiRecord extends WikiId {
  readonly title: string;
  readonly visibility: Visibility;
  /** `sub` of the namespace owner who created it. */
  readonly owner: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Tenant configuration: DynamoDB in AWS and locally (dynalite). */
export interface TenantStore {
  getWiki(id: WikiId): Promise<WikiRecord | undefined>;
  /** Creates the record; throws ConflictError when the wiki already exists. */
  createWiki(record: WikiRecord): Promise<void>;
  deleteWiki(id: WikiId): Promise<void>;
}
