import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDomainError, type FieldIssue } from '../domain/errors.ts';

/**
 * The one table from domain error codes to HTTP statuses. A code not listed is a broken business
 * rule on valid input: 422.
 */
const STATUS: Record<string, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  login_failed: 401,
  forbidden: 403,
  out_of_scope: 403,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  claim_limit_reached: 409,
  already_reversed: 409,
  policy_combination: 409,
  version_conflict: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  login_throttled: 429,
  unavailable: 503,
};

/** Adds codes of a module to the table (used by modules whose rules need a status other than 422). */
export function registerErrorStatuses(extra: Record<string, number>): void {
  Object.assign(STATUS, extra);
}

export function statusOf(code: string): number {
  return STATUS[code] ?? 422;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 412: 'Precondition Failed',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: FieldIssue[];
  [k: string]: unknown;
}

export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:jiuye:problem:${code}`, title: TITLES[status] ?? 'Error', status, code, detail, ...extra };
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  if (p.retryAfter) reply.header('retry-after', String(p.retryAfter));
  return reply.code(p.status).type('application/problem+json').send(p);
}

function zodIssues(err: FastifyError & { validation?: any[]; validationContext?: string }): FieldIssue[] {
  const where = err.validationContext ?? 'body';
  return (err.validation ?? []).flatMap((v: any) => {
    const path = String(v.instancePath ?? '').split('/').filter(Boolean).join('.');
    if (v.keyword === 'unrecognized_keys') {
      return (v.params?.keys ?? ['?']).map((k: string) => ({ field: [path, k].filter(Boolean).join('.'), code: 'unknown_field', message: `is not a known field of the ${where}` }));
    }
    // A string format names its rule (`invalid_record_id`, `invalid_regex`) rather than `invalid_invalid_format`.
    const code = v.keyword === 'invalid_format' && v.params?.format ? `invalid_${v.params.format}` : `invalid_${v.keyword ?? 'value'}`;
    return [{ field: path || where, code, message: v.message }];
  });
}

/** Turns every error into an RFC 9457 problem+json body; internal errors never leak their text. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (isDomainError(err)) {
    const status = statusOf(err.code);
    return sendProblem(reply, problem(status, err.code, err.message, { instance: req.url, ...(err.issues.length ? { errors: err.issues } : {}), ...(err.details.retryAfter ? { retryAfter: err.details.retryAfter } : {}), ...(err.details.currentVersion != null ? { currentVersion: err.details.currentVersion } : {}), ...(err.messageZh ? { detailZh: err.messageZh } : {}), ...(Object.keys(err.details).length ? { details: err.details } : {}) }));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = zodIssues(err as any);
    return sendProblem(reply, problem(400, 'validation_failed', `The request is not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { instance: req.url, errors }));
  }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status === 500) {
    req.log.error({ err }, 'request failed');
    if (isUnavailable(err)) return sendProblem(reply, problem(503, 'unavailable', 'The database is not reachable; try again shortly', { instance: req.url, retryAfter: 5 }));
    return sendProblem(reply, problem(500, 'internal', 'Something went wrong on the server; the error was logged', { instance: req.url }));
  }
  const code = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : status === 429 ? 'rate_limited' : 'bad_request';
  return sendProblem(reply, problem(status, code, err.message, { instance: req.url }));
}

function isUnavailable(err: any): boolean {
  return ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', 'ETIMEDOUT'].includes(err?.code) || /Connection terminated|timeout exceeded when trying to connect/.test(err?.message ?? '');
}
