/** Who is calling, as established from a verified token. */
export interface Identity {
  /** The user's handle (or DID); namespaces are owned by the identity whose `sub` equals `{user}`. */
  readonly sub: string;
  readonly name: string;
  readonly email?: string;
}

// Characters that would break a git signature line (`name <email> time zone`).
const UNSAFE = /[\u0000-\u001f\u007f<>]/g;
const clean = (text: string) => text.replace(UNSAFE, '').trim().slice(0, 256);

/** The git author for an identity: its email, or its handle where it has none (DESIGN §3). */
export function gitAuthor(identity: Identity): { name: string; email: string } {
  const name = clean(identity.name) || clean(identity.sub);
  const email = (identity.email && clean(identity.email)) || clean(identity.sub);
  return { name, email };
}
