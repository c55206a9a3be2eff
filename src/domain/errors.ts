/** One failed rule on one field: `field` names the input, `code` the rule, `message` says it in words. */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
  /** The same message in Chinese, when the rule has one. */
  messageZh?: string;
  /** Values the message quotes (limits, counts), for clients that format their own text. */
  params?: Record<string, unknown>;
}

/**
 * The one error type of the domain. `code` is stable and maps to an HTTP status in one table
 * (src/http/errors.ts); `issues` lists every failing field of a validation error.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown>;
  /** The message in Chinese, where the refusal is one a user meets in the pages. */
  readonly messageZh?: string;

  constructor(code: string, message: string, opts: { issues?: FieldIssue[]; details?: Record<string, unknown>; messageZh?: string } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.issues = opts.issues ?? [];
    this.details = opts.details ?? {};
    this.messageZh = opts.messageZh;
  }

  /** A validation failure over one or more fields. */
  static invalid(issues: FieldIssue[], message = 'The input is not valid'): DomainError {
    return new DomainError('validation_failed', `${message}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, { issues });
  }

  static notFound(what: string, id: string | number): DomainError {
    return new DomainError('not_found', `${what} ${id} was not found`, { details: { what, id } });
  }

  static forbidden(message = 'This account may not do that'): DomainError {
    return new DomainError('forbidden', message);
  }

  static conflict(code: string, message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(code, message, { details });
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
