import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializer } from 'fastify-type-provider-zod';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** Keywords whose output fast-json-stringify can only choose by validating the value, which is slower than zod. */
const BRANCHING = new Set(['anyOf', 'oneOf', 'allOf', 'not', 'if', '$ref', '$defs']);

/** Whether a JSON Schema is plain data (objects, arrays, primitives, nullable ones), so that a compiled writer serves it exactly. */
export function isPlainSchema(s: unknown): boolean {
  if (Array.isArray(s)) return s.every(isPlainSchema);
  if (s === null || typeof s !== 'object') return true;
  for (const [k, v] of Object.entries(s)) {
    if (BRANCHING.has(k)) return false;
    if (k === 'properties' || k === 'patternProperties') {
      if (!Object.values(v as object).every(isPlainSchema)) return false;
    } else if (typeof v === 'object' && !isPlainSchema(v)) return false;
  }
  // `{}` (any value) says nothing the writer could keep to.
  return Object.keys(s).length > 0;
}

/**
 * The writer of one response schema. A zod schema that is plain data becomes a compiled JSON writer
 * (fast-json-stringify): it writes exactly the declared fields, so a field a presenter adds by mistake
 * never leaves the server, and it is several times faster than checking the value with zod and then
 * stringifying it. Schemas with transforms, unions or other shapes a writer cannot follow keep zod's
 * check-then-stringify.
 */
export function responseWriter(schema: z.ZodType, context: { method: string; url: string }): (data: unknown) => string {
  let json: JsonSchema | undefined;
  try {
    json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' }) as JsonSchema;
  } catch {
    json = undefined;
  }
  if (json) {
    delete json.$schema;
    if (isPlainSchema(json)) {
      try {
        return fastJson(json as unknown as Parameters<typeof fastJson>[0]);
      } catch {
        // falls through to zod
      }
    }
  }
  return zodSerializer({ schema, ...context } as Parameters<typeof zodSerializer>[0]);
}

/** Fastify's serializer compiler: one writer per route and status, built when the route is registered. */
export const serializerCompiler = ({ schema, method, url }: { schema: unknown; method: string; url: string }) =>
  responseWriter(schema as z.ZodType, { method, url });
