import { z } from 'zod';
import { idParam } from '../params.ts';
import { addEvidence, listEvidence, openEvidence } from '../../app/policy/evidence.ts';
import { DomainError } from '../../domain/errors.ts';
import { baseContentType, contentDisposition, EVIDENCE_CONTENT_TYPES, MAX_EVIDENCE_BYTES } from '../../domain/policy/evidence.ts';
import { registerErrorStatuses } from '../errors.ts';
import { actorOf, type Server } from '../types.ts';

registerErrorStatuses({ evidence_type: 415, evidence_kind: 400, claim_closed: 409 });

const evidence = z.object({
  id: z.number(),
  kind: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

/**
 * Evidence files of claims: uploaded as the raw request body (PDF, JPEG or PNG, at most 10 MB;
 * a larger body is refused with 413 before it is read in full), listed, and downloaded.
 */
export async function policyEvidenceRoutes(server: Server) {
  const app = server.jiuye;
  // Only this module's routes read these types, as bytes.
  server.addContentTypeParser(EVIDENCE_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: MAX_EVIDENCE_BYTES }, (_req, body, done) => done(null, body));

  server.post('/api/v1/claims/:id/evidence', {
    bodyLimit: MAX_EVIDENCE_BYTES,
    config: { access: { action: 'claim.evidence.add', resource: 'claim' } },
    schema: {
      tags: ['policy'],
      summary: 'Attach an evidence file to a draft or submitted claim: the raw file as the body, Content-Type application/pdf, image/jpeg or image/png, at most 10 MB',
      description: '`kind` is one of the evidence ids of the claim\'s policy (e.g. ticket, labor-contract); `name` is shown and used for downloads only. The bytes must be of the declared type (code `evidence_type`), the kind one the policy asks for (code `evidence_kind`). Files are stored under generated names.',
      params: z.strictObject({ id: idParam }),
      querystring: z.strictObject({ kind: z.string().min(1).max(63), name: z.string().max(255).optional() }),
      response: { 201: evidence },
    },
  }, async (req, reply) => {
    const type = baseContentType(req.headers['content-type']);
    let bytes: Buffer;
    if (Buffer.isBuffer(req.body)) bytes = req.body;
    else if ((EVIDENCE_CONTENT_TYPES as string[]).includes(type) && req.body == null) bytes = Buffer.alloc(0);
    else throw new DomainError('unsupported_media_type', `Send the file itself as the request body with Content-Type ${EVIDENCE_CONTENT_TYPES.join(', ')}`, { details: { accepted: EVIDENCE_CONTENT_TYPES } });
    const created = await addEvidence(app, actorOf(req), req.params.id, { kind: req.query.kind, name: req.query.name, contentType: type, bytes });
    return reply.code(201).send(created);
  });

  server.get('/api/v1/claims/:id/evidence', {
    config: { access: { action: 'claim.evidence.read', resource: 'claim' } },
    schema: {
      tags: ['policy'],
      summary: 'The evidence files of a claim (metadata, with each file\'s SHA-256)',
      params: z.strictObject({ id: idParam }),
      response: { 200: z.object({ items: z.array(evidence) }) },
    },
  }, async (req) => listEvidence(app, actorOf(req), req.params.id));

  server.get('/api/v1/claims/:id/evidence/:evidenceId', {
    config: { access: { action: 'claim.evidence.read', resource: 'claim' } },
    schema: {
      tags: ['policy'],
      summary: 'Download one evidence file of a claim, under its shown name',
      params: z.strictObject({ id: idParam, evidenceId: idParam }),
    },
  }, async (req, reply) => {
    const { evidence: e, stream } = await openEvidence(app, actorOf(req), req.params.id, req.params.evidenceId);
    return reply
      .header('content-type', e.contentType)
      .header('content-length', String(e.size))
      .header('content-disposition', contentDisposition(e.name))
      .header('etag', `"${e.sha256}"`)
      .header('cache-control', 'private, no-store')
      .send(stream);
  });
}
