/** Who is calling, as established from a verified token. */
export interface Identity {
  /** The user's handle (or DID); namespaces are owned by the identity whose `sub` equals `{user}`. */
  readonly sub: string;
  readonly name: string;
  readonly email?: string;
}

/** The git author for an identity: its email, or its handle where it has none (DESIGN §3). */
export function gitAuthor(identity: Identity): { name: string; email: string } {
  return { name: identity.name || identity.sub, email: identity.email ?? identity.sub };
}
