import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../app/context.ts';
import { installAuth } from './auth-hook.ts';
import { logRequest } from './log-redaction.ts';
import { errorHandler, problem, sendProblem } from './errors.ts';
import { installOperations } from './operations.ts';
import { ROUTE_MODULES } from './routes/index.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { serializerCompiler } from './serializer.ts';
import type { RouteInfo, Server } from './types.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface ServerOptions {
  logger?: boolean;
  /** Folder of the built UI; defaults to web/dist. */
  webDist?: string;
}

/** Builds the HTTP server: API under /api/v1, OpenAPI at /api/openapi.json and /api/docs, the UI at /. */
export async function buildServer(app: App, opts: ServerOptions = {}): Promise<Server> {
  const server = Fastify({
    logger: opts.logger ? { level: app.config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], serializers: { req: logRequest } } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>() as unknown as Server;

  server.decorate('jiuye', app);
  server.decorate('routeTable', [] as RouteInfo[]);
  server.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) if (m !== 'HEAD') server.routeTable.push({ method: m, url: r.url, access: (r.config as any)?.access });
  });

  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  server.setErrorHandler(errorHandler);

  installSecurityHeaders(server);
  await server.register(cookie);
  await installOperations(server);
  await server.register(rateLimit, { global: false });
  await server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Jiuye API', description: '就业 — public employment service platform. Errors are RFC 9457 problem+json.', version: '1.0.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jiuye_session' }, token: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await server.register(swaggerUi, { routePrefix: '/api/docs' });
  server.get('/api/openapi.json', { schema: { hide: true } }, async () => server.swagger());

  installAuth(server);
  for (const mod of ROUTE_MODULES) await server.register(mod);

  const dist = opts.webDist ?? WEB_DIST;
  const hasUi = fs.existsSync(path.join(dist, 'index.html'));
  if (hasUi) await server.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  server.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && hasUi) return reply.type('text/html').sendFile('index.html');
    if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/plain').send('The web UI is not built: run `npm run build:web`.');
    return sendProblem(reply, problem(404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`, { instance: req.url }));
  });
  return server;
}
