/**
 * The one token lifetime policy (docs/auth.md), applied by every verifier after the signature
 * holds: the CloudFront Function and the Lambda@Edge build, the write API, MCP, and the exchange
 * of identity-provider tokens. Session tokens and identity-provider tokens alike:
 *
 *  - `exp` is required, a number, and not past (60 s skew);
 *  - `iat` is required, a number, and not in the future (60 s skew): a token "issued" ten years
 *    ahead would otherwise pass any age check;
 *  - the token is at most 8 h old (`now - iat`) and lives at most 8 h (`exp - iat`, and `exp` is
 *    at most 8 h ahead), so a leaked or long-lived provider token is worth little;
 *  - `nbf`, when present, is a number and not in the future (60 s skew).
 *
 * Written in the njs subset cloudfront-js-2.0 parses (see ./path.ts).
 */
export const CLOCK_SKEW_SECONDS = 60;
export const MAX_TOKEN_AGE_SECONDS = 8 * 60 * 60;

/** Whether a verified token's time claims are within the policy at `now` (seconds since the epoch). */
export function withinLifetime(claims: { exp?: unknown; iat?: unknown; nbf?: unknown }, now: number): boolean {
  const exp = claims.exp;
  const iat = claims.iat;
  if (!isTime(exp) || !isTime(iat)) return false;
  if (now > exp + CLOCK_SKEW_SECONDS) return false;
  if (iat > now + CLOCK_SKEW_SECONDS || now - iat > MAX_TOKEN_AGE_SECONDS + CLOCK_SKEW_SECONDS) return false;
  if (exp - iat > MAX_TOKEN_AGE_SECONDS || exp > now + MAX_TOKEN_AGE_SECONDS + CLOCK_SKEW_SECONDS) return false;
  if (claims.nbf !== undefined && (!isTime(claims.nbf) || claims.nbf > now + CLOCK_SKEW_SECONDS)) return false;
  return true;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && isFinite(value);
}
