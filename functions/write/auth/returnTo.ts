import { sameSitePath } from '../../../shared/http/sameSitePath';

/** `return_to` accepts only a path on this site (no open redirect); anything else becomes `/`. */
export const DEFAULT_RETURN_TO = '/';

export function safeReturnTo(value: unknown): string {
  return sameSitePath(value) ?? DEFAULT_RETURN_TO;
}
