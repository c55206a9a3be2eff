import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../domain/access/actor.ts';
import { authorize } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkEvidenceUpload, displayName } from '../../domain/policy/evidence.ts';
import { claimEvidenceRepository, type EvidenceRecord } from '../../store/repositories/claim-evidence.repository.ts';
import type { ClaimRecord } from '../../store/repositories/claims.repository.ts';
import { nowIso } from '../../store/codec.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';
import { loadPolicy } from './catalog.ts';
import { visibleClaim } from './claims.ts';

/** Claims whose papers may still change: once decided, the evidence it was decided on stays as it was. */
const OPEN_STATUSES = ['draft', 'submitted'];
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where evidence files are kept: `<data folder>/evidence/<generated id>`. */
export function evidenceDir(app: App): string {
  return path.join(app.config.dataDir, 'evidence');
}

export function presentEvidence(e: EvidenceRecord) {
  return { id: e.id, kind: e.kind, name: e.name, contentType: e.contentType, size: e.size, sha256: e.sha256, uploadedBy: e.uploadedBy, uploadedAt: e.uploadedAt };
}

function requireOpen(claim: ClaimRecord): void {
  if (!OPEN_STATUSES.includes(claim.status)) {
    throw DomainError.conflict('claim_closed', `Claim ${claim.id} is ${claim.status}; evidence can be attached only while it is a draft or waits for a decision`, { status: claim.status });
  }
}

/**
 * Writes the file under a generated name, then its metadata and the audit entry in one
 * transaction; when the transaction fails the file is removed again. The bytes are first written
 * to a temporary name and renamed, so a crash never leaves half a file under a recorded name.
 */
async function store(app: App, actor: Actor, claim: ClaimRecord, f: { kind: string; name: string; contentType: string; bytes: Buffer }) {
  const dir = evidenceDir(app);
  await fs.promises.mkdir(dir, { recursive: true });
  const key = crypto.randomUUID();
  const file = path.join(dir, key);
  const sha256 = crypto.createHash('sha256').update(f.bytes).digest('hex');
  await fs.promises.writeFile(`${file}.part`, f.bytes, { flag: 'wx' });
  await fs.promises.rename(`${file}.part`, file);
  try {
    return await inTransaction(app, async (trx) => {
      const rec = await claimEvidenceRepository.insert(trx, { claimId: claim.id, kind: f.kind, name: f.name, contentType: f.contentType, size: f.bytes.length, sha256, storageKey: key, uploadedBy: actor.username, uploadedById: actor.userId, uploadedAt: nowIso() });
      await writeAudit(trx, actor, { action: 'claim.evidence.add', entity: 'claim', entityId: claim.id, regionCode: claim.regionCode, after: { evidenceId: rec.id, kind: rec.kind, name: rec.name, contentType: rec.contentType, size: rec.size, sha256 } });
      return presentEvidence(rec);
    });
  } catch (e) {
    await fs.promises.rm(file, { force: true });
    throw e;
  }
}

/**
 * Attaches a file to a claim the actor may see: the kind must be one of the evidence the claim's
 * policy version names, the file a PDF, JPEG or PNG whose bytes match its declared type, at most
 * 10 MB. Nothing is written when any check fails. The name is kept for display only.
 */
export async function addEvidence(app: App, actor: Actor, claimId: number, input: { kind: string; name?: string; contentType: string; bytes: Buffer }) {
  authorize(actor, 'claim.evidence.add');
  const claim = await visibleClaim(app.database.db, actor, 'claim.evidence.add', claimId);
  requireOpen(claim);
  const policy = await loadPolicy(app, claim.policyId, claim.policyVersion);
  const type = checkEvidenceUpload(policy.rule, { kind: input.kind, contentType: input.contentType, size: input.bytes.length, bytes: input.bytes });
  return store(app, actor, claim, { kind: input.kind, name: displayName(input.name, input.kind, type), contentType: type, bytes: input.bytes });
}

/**
 * Attaches a document the system made from its own records (the manifest entry of an organised
 * trip, say) as a piece of a claim's evidence, unless the claim already has evidence of that kind
 * or its policy asks for none of it. Returns whether it attached one.
 */
export async function attachRecordEvidence(app: App, actor: Actor, claimId: number, doc: { kind: string; name: string; contentType: string; bytes: Buffer }): Promise<boolean> {
  const claim = await visibleClaim(app.database.db, actor, 'claim.create', claimId);
  if (!OPEN_STATUSES.includes(claim.status)) return false;
  const policy = await loadPolicy(app, claim.policyId, claim.policyVersion);
  if (!policy.rule.evidence.some((e) => e.id === doc.kind)) return false;
  if ((await claimEvidenceRepository.kinds(app.database.db, claimId)).includes(doc.kind)) return false;
  await store(app, actor, claim, doc);
  return true;
}

export async function listEvidence(app: App, actor: Actor, claimId: number) {
  authorize(actor, 'claim.evidence.read');
  await visibleClaim(app.database.db, actor, 'claim.evidence.read', claimId);
  return { items: (await claimEvidenceRepository.list(app.database.db, claimId)).map(presentEvidence) };
}

/** One evidence file of a claim the actor may see: its metadata and a stream of its bytes. */
export async function openEvidence(app: App, actor: Actor, claimId: number, evidenceId: number) {
  authorize(actor, 'claim.evidence.read');
  await visibleClaim(app.database.db, actor, 'claim.evidence.read', claimId);
  const e = await claimEvidenceRepository.byId(app.database.db, claimId, evidenceId);
  if (!e || !KEY.test(e.storageKey)) throw DomainError.notFound('evidence', evidenceId);
  const file = path.join(evidenceDir(app), e.storageKey);
  try {
    await fs.promises.access(file, fs.constants.R_OK);
  } catch {
    throw new DomainError('not_found', `The file of evidence ${evidenceId} is missing from the data folder`, { details: { what: 'evidence file', id: evidenceId } });
  }
  return { evidence: presentEvidence(e), stream: fs.createReadStream(file) };
}
