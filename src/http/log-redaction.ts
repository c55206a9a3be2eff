import type { FastifyRequest } from 'fastify';

/** Query parameters whose values identify a person: searches by them must not reach the logs. */
const SENSITIVE_QUERY = /([?&](?:idNumber|phone)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SENSITIVE_QUERY, '$1[redacted]');
}

/** The request as the access log records it: the usual fields, with person identifiers blanked out of the URL. */
export function logRequest(req: FastifyRequest) {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}
