import { DomainError } from '../errors.ts';
import type { PolicyRule } from './rule.ts';

/** The largest evidence file accepted: 10 MB. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** File types a claimant may upload, each recognised by its first bytes (the declared type alone is not trusted). */
export const EVIDENCE_TYPES = {
  'application/pdf': { ext: 'pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
  'image/jpeg': { ext: 'jpg', magic: [[0xff, 0xd8, 0xff]] },
  'image/png': { ext: 'png', magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
} as const;
export type EvidenceContentType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_CONTENT_TYPES = Object.keys(EVIDENCE_TYPES) as EvidenceContentType[];

/** The type of a file as its first bytes say, or undefined when it is none of the accepted ones. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceContentType | undefined {
  for (const t of EVIDENCE_CONTENT_TYPES) {
    if (EVIDENCE_TYPES[t].magic.some((m) => m.length <= bytes.length && m.every((b, i) => bytes[i] === b))) return t;
  }
  return undefined;
}

/** `application/pdf; charset=…` → `application/pdf`, lower case. */
export function baseContentType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Checks an upload before anything is written: the kind must be one the policy asks for, the file
 * must not be empty or larger than the limit, and its bytes must be of the declared type (a
 * program sent as a PDF is refused).
 */
export function checkEvidenceUpload(rule: PolicyRule, u: { kind: string; contentType: string; size: number; bytes: Uint8Array }): EvidenceContentType {
  const kinds = rule.evidence.map((e) => e.id);
  if (!kinds.includes(u.kind)) {
    throw new DomainError('evidence_kind', `Policy ${rule.id} asks for no evidence of kind "${u.kind}"; it asks for ${kinds.length ? kinds.join(', ') : 'none'}`, {
      details: { kind: u.kind, kinds },
      issues: [{ field: 'kind', code: 'evidence_kind', message: `must be one of ${kinds.join(', ') || '(none)'}`, messageZh: `证明材料类型须为：${kinds.join('、') || '无'}` }],
    });
  }
  if (u.size > MAX_EVIDENCE_BYTES) throw new DomainError('payload_too_large', `The file is ${u.size} bytes; evidence files may be at most ${MAX_EVIDENCE_BYTES} bytes (10 MB)`, { details: { limit: MAX_EVIDENCE_BYTES } });
  const declared = baseContentType(u.contentType);
  if (!(EVIDENCE_CONTENT_TYPES as string[]).includes(declared)) {
    throw new DomainError('unsupported_media_type', `Evidence is a PDF, JPEG or PNG file sent with its Content-Type; ${declared || 'no type'} is not accepted`, { details: { accepted: EVIDENCE_CONTENT_TYPES } });
  }
  if (u.size === 0) throw new DomainError('evidence_type', 'The file is empty', { details: { declared } });
  const actual = sniffEvidenceType(u.bytes);
  if (actual !== declared) {
    throw new DomainError('evidence_type', `The file was sent as ${declared} but its content is ${actual ?? 'not a PDF, JPEG or PNG file'}`, { details: { declared, actual: actual ?? null } });
  }
  return actual;
}

/**
 * The name a file is shown and downloaded under: the last part of what the client sent (no
 * folders), without control characters, at most 120 characters; the kind and the type's
 * extension when nothing usable is left. Files are stored under generated ids, never this name.
 */
export function displayName(name: string | undefined, kind: string, type: EvidenceContentType): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  let clean = last.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (/^\.+$/.test(clean)) clean = '';
  if (clean.length > 120) clean = clean.slice(clean.length - 120);
  return clean || `${kind}.${EVIDENCE_TYPES[type].ext}`;
}

/** A Content-Disposition header that downloads the file under its display name, in any language. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The evidence a policy requires that is not among the kinds attached. */
export function missingEvidence(rule: PolicyRule, attachedKinds: Iterable<string>): { id: string; name: { zh: string; en: string } }[] {
  const have = new Set(attachedKinds);
  return rule.evidence.filter((e) => e.required && !have.has(e.id)).map((e) => ({ id: e.id, name: e.name }));
}

/** Refuses an approval while required evidence is missing, naming each piece. */
export function evidenceMissing(claimId: number, rule: PolicyRule, missing: { id: string; name: { zh: string; en: string } }[]): DomainError {
  return new DomainError('evidence_missing', `Claim ${claimId} cannot be approved without the evidence ${rule.id} requires: ${missing.map((m) => `${m.name.en} (${m.id})`).join(', ')}; attach it first`, {
    details: { claimId, missing: missing.map((m) => m.id) },
    issues: missing.map((m) => ({ field: 'evidence', code: 'evidence_missing', message: `${m.name.en} (${m.id}) is required`, messageZh: `缺少证明材料：${m.name.zh}` })),
  });
}
