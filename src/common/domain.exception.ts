export type DomainErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429;

/**
 * Base of each module's exception type: a machine code, a message a marketer
 * understands and the HTTP status the exception filter answers with.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  /** Extra response headers (e.g. Retry-After on a 429). */
  headers?: Record<string, string>;

  constructor(
    readonly code: Code,
    message: string,
    readonly status: DomainErrorStatus,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundException extends DomainException<'not_found'> {
  constructor(what: string, id: string | number) {
    super('not_found', `${what} ${id} does not exist`, 404);
  }
}
