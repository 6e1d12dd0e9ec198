/**
 * One base class for every error a caller can act on. `code` is stable and machine-readable;
 * handlers map the class to an HTTP status once, at their edge (see shared/http/errorResponse).
 */
export class WikibotError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends WikibotError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_input', message, details);
  }
}

export class UnauthorizedError extends WikibotError {
  constructor(message = 'Sign-in required: send a valid bearer token.') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends WikibotError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class NotFoundError extends WikibotError {
  constructor(message: string) {
    super('not_found', message);
  }
}

export class ConflictError extends WikibotError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', message, details);
  }
}

export class PayloadTooLargeError extends WikibotError {
  constructor(message: string) {
    super('payload_too_large', message);
  }
}

export class MethodNotAllowedError extends WikibotError {
  constructor(method: string, allowed: readonly string[]) {
    super('method_not_allowed', `${method} is not allowed here; use ${allowed.join(' or ')}.`, { allowed });
  }
}

/** A write based on an old revision of a page that changed since (DESIGN §3): 409 with the current revision. */
export class StaleRevisionError extends WikibotError {
  constructor(message: string, details: { currentRevision: string } & Record<string, unknown>) {
    super('stale_revision', message, details);
  }
}
