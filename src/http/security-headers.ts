import helmet from 'helmet';
import type { Server } from './types.ts';

/** Content-Security-Policy of the UI: its own scripts, styles and API only; images may be data or blob URLs (QR codes, previews). */
const CONTENT_SECURITY_POLICY = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
  },
};

/**
 * Helmet's security headers on every response. The header values are worked out once here: the
 * Fastify plugin rebuilt them from the options on every request, which cost a read as much as its
 * database lookup.
 */
export function installSecurityHeaders(server: Server): void {
  const apply = helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, crossOriginEmbedderPolicy: false });
  server.addHook('onRequest', (req, reply, done) => {
    apply(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
}
