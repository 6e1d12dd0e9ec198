import type { IdpVerifier } from '../../../shared/auth/idpToken';
import type { SessionKey } from '../../../shared/auth/sessionToken';
import type { AssetManifest } from '../../../shared/core/fragments/assets';

/** What the /auth endpoints need; the write function builds it once from its config. */
export interface AuthDeps {
  /** Keys in rotation; the first signs new sessions. */
  readonly sessionKeys: readonly SessionKey[];
  readonly issuer: string;
  readonly audience: string;
  /** Verifies identity-provider tokens (RS256/ES256); absent when the stage has no IdP. */
  readonly idp?: IdpVerifier;
  /** Where the sign-in page sends people to sign in with the IdP (deployed stages). */
  readonly idpLoginUrl?: string;
  /** The local dev sign-in form: mint a session for any handle. Never on in a deployed stage. */
  readonly devSignIn: boolean;
  /** Session lifetime in seconds (capped at 8 h). */
  readonly sessionSeconds?: number;
  readonly now?: () => Date;
  /** The built stylesheets and icon, so the sign-in page looks like the site. */
  readonly assets?: AssetManifest;
}

export const DEFAULT_SESSION_SECONDS = 8 * 60 * 60;
