import type { Role } from '../core/access';
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

export interface Member {
  readonly sub: string;
  readonly role: Role;
  readonly addedAt: string;
}

/** A wiki someone can reach, with their role in it (the owner's is admin). */
export interface WikiAccess {
  readonly record: WikiRecord;
  readonly role: Role;
}

/** Tenant configuration: DynamoDB in AWS and locally (dynalite). */
export interface TenantStore {
  getWiki(id: WikiId): Promise<WikiRecord | undefined>;
  /** Creates the record; throws ConflictError when the wiki exists (a deleted wiki's name is free). */
  createWiki(record: WikiRecord): Promise<void>;
  /** Changes title and/or visibility; returns the new record, undefined when there is no such wiki. */
  updateWiki(id: WikiId, changes: Partial<Pick<WikiRecord, 'title' | 'visibility'>>, updatedAt: string): Promise<WikiRecord | undefined>;
  /** Marks the wiki deleted (getWiki no longer finds it, the name can be taken again) and drops its members. */
  deleteWiki(id: WikiId, deletedAt?: string): Promise<void>;
  getMember(id: WikiId, sub: string): Promise<Member | undefined>;
  /** Adds or changes a member; returns true when the member is new. */
  putMember(id: WikiId, member: Member): Promise<boolean>;
  /** Removes a member; returns false when there was none. */
  deleteMember(id: WikiId, sub: string): Promise<boolean>;
  listMembers(id: WikiId): Promise<Member[]>;
  /** The wikis `sub` owns or is a member of, by the member index, sorted by user/wiki. */
  listWikisOf(sub: string): Promise<WikiAccess[]>;
}
