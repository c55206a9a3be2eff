import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isPlainSchema, responseWriter } from './serializer.ts';

const ctx = { method: 'GET', url: '/x' };

describe('response writer', () => {
  const person = z.object({ id: z.number().int(), name: z.string(), phone: z.string().nullable(), skills: z.array(z.object({ occupation: z.string() })) });

  it('writes only the declared fields, so nothing a presenter adds leaves the server', () => {
    const write = responseWriter(person, ctx);
    const out = JSON.parse(write({ id: 7, name: '张三', phone: null, skills: [{ occupation: '6-01', secret: 1 }], id_enc: 'sealed', id_hash: 'h' }));
    expect(out).toEqual({ id: 7, name: '张三', phone: null, skills: [{ occupation: '6-01' }] });
  });

  it('refuses a response that lacks a required field', () => {
    const write = responseWriter(person, ctx);
    expect(() => write({ id: 7, phone: null, skills: [] })).toThrow(/name/);
  });

  it('keeps zod for schemas a compiled writer cannot follow: transforms and unions', () => {
    const transformed = responseWriter(z.object({ n: z.string().transform((s) => s.length) }), ctx);
    expect(JSON.parse(transformed({ n: 'abcd' }))).toEqual({ n: 4 });
    const union = responseWriter(z.union([z.object({ kind: z.literal('a'), a: z.number() }), z.object({ kind: z.literal('b'), b: z.string() })]), ctx);
    expect(JSON.parse(union({ kind: 'b', b: 'x', extra: true }))).toEqual({ kind: 'b', b: 'x' });
    expect(() => union({ kind: 'c' })).toThrow();
  });

  it('tells plain data schemas from branching ones', () => {
    expect(isPlainSchema(z.toJSONSchema(person))).toBe(true);
    expect(isPlainSchema({ type: 'object', properties: { a: { anyOf: [{ type: 'string' }, { type: 'number' }] } } })).toBe(false);
    expect(isPlainSchema({})).toBe(false);
  });
});
