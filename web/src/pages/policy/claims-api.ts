import { CLAIM_STATUSES, LEVEL_ROLES, type ClaimStatus } from '../../../../src/domain/policy/claims.ts';
import { ApiError, type Problem } from '../../api/client.ts';
import type { Evaluation, PolicyDetail, Text } from './policy-api.ts';

export { CLAIM_STATUSES };
export type { ClaimStatus };

export interface ExplanationLine {
  condition: string;
  fact: string;
  value: unknown;
  passed: boolean;
  description: Text;
}

export interface ClaimStep {
  step: number;
  level: string;
  decision: string;
  reason: string;
  by: string;
  at: string;
}

/** A claim as GET /api/v1/claims/:id presents it (the list leaves out `steps`). */
export interface Claim {
  id: number;
  policy: string;
  policyVersion: number;
  subjectKind: string;
  subjectId: string;
  personId: number | null;
  employerId: number | null;
  payee: string;
  regionCode: string;
  year: number;
  fund: string;
  eligible: boolean;
  amount: number;
  amountFen: number;
  status: ClaimStatus;
  currentStep: number;
  batchId: number | null;
  facts: Record<string, unknown>;
  explanation: ExplanationLine[];
  createdAt: string;
  updatedAt: string;
  steps?: ClaimStep[];
}

export interface ClaimPage {
  items: Claim[];
  nextCursor: string | null;
}

/** What GET /api/v1/claims/facts answers: the facts gathered from the records for one subject. */
export interface GatheredFacts {
  policy: string;
  subjectKind: string;
  subjectId: string;
  personId: number | null;
  employerId: number | null;
  regionCode: string;
  facts: Record<string, unknown>;
  missing: string[];
  evaluation: Evaluation;
}

export interface Fund {
  id: string;
  name: Text;
  createdAt: string;
}

export interface Budget {
  id: number;
  fund: string;
  regionCode: string;
  year: number;
  amount: number;
  amountFen: number;
  approvedUnpaidFen: number;
  paidFen: number;
  remaining: number;
  remainingFen: number;
  updatedAt: string;
  version: number;
}

export interface Batch {
  id: number;
  fund: string;
  regionCode: string;
  reference: string;
  entryDate: string;
  total: number;
  totalFen: number;
  entryCount: number;
  createdAt: string;
}

export interface PaymentEntry {
  id: number;
  kind: 'payment' | 'reversal' | string;
  batchId: number | null;
  claimId: number | null;
  policy: string | null;
  fund: string;
  regionCode: string;
  year: number;
  payee: string;
  amount: number;
  amountFen: number;
  entryDate: string;
  reference: string;
  reversesId: number | null;
  reason: string;
  createdAt: string;
}

export interface BatchDetail extends Batch {
  entries: PaymentEntry[];
  reversals: PaymentEntry[];
  netFen: number;
}

export interface PaymentTotals {
  by: string;
  items: { key: string; amount: number; amountFen: number; entries: number }[];
  total: number;
  totalFen: number;
}

/**
 * Integer fen as yuan text with two decimals and thousands separators, by integer arithmetic only
 * (never through a float sum of yuan): 123456 → "1,234.56", -65050 → "-650.50".
 */
export function fenText(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(Math.trunc(fen));
  const whole = Math.floor(a / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${String(a % 100).padStart(2, '0')}`;
}

/** Sums integer fen exactly. */
export function sumFen(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export const CLAIM_STATUS_COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', approved: 'green', rejected: 'red', paid: 'blue' };

/** The approval level a submitted claim waits for, from the policy version it was made under. */
export function pendingLevelOf(rule: PolicyDetail['rule'] | undefined, currentStep: number): { level: string; name: Text } | undefined {
  const levels = rule?.approvalLevels as { level: string; name: Text }[] | undefined;
  if (!levels?.length) return undefined;
  return levels[Math.min(currentStep, levels.length - 1)];
}

/** Whether an account of this role decides at this approval level (administrators decide at any). */
export function decidesAt(role: string, level: string | undefined): boolean {
  if (role === 'admin') return true;
  if (!level) return false;
  return ((LEVEL_ROLES as Record<string, readonly string[]>)[level] ?? []).includes(role);
}

/** The query string the new-claim form reads, so other pages can link to a prefilled form. */
export function newClaimLink(p: { policy?: string; subjectKind?: string; subjectId?: string }): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) qs.set(k, v);
  const s = qs.toString();
  return s ? `/claims/new?${s}` : '/claims/new';
}

export interface Evidence {
  id: number;
  kind: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** What a policy asks to see before a claim under it may be approved. */
export interface EvidenceSpec {
  id: string;
  name: Text;
  required?: boolean;
}

export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * Sends an evidence file as the raw request body (the server checks its type by its first bytes);
 * a refusal comes back as an ApiError like any other call.
 */
export async function uploadEvidence(claimId: number, kind: string, file: File): Promise<Evidence> {
  const qs = new URLSearchParams({ kind, name: file.name });
  let res: Response;
  try {
    res = await fetch(`/api/v1/claims/${claimId}/evidence?${qs}`, {
      method: 'POST',
      headers: { Accept: 'application/json, application/problem+json', 'Content-Type': file.type || 'application/octet-stream', 'X-Requested-With': 'jiuye' },
      credentials: 'same-origin',
      body: file,
    });
  } catch (e) {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network', detail: (e as Error).message });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's page): reported below.
  }
  if (!res.ok) {
    const p = body && typeof body === 'object' && 'status' in body ? (body as Problem) : undefined;
    throw new ApiError(p ?? { type: 'about:blank', title: res.statusText, status: res.status, code: `http_${res.status}`, detail: text.slice(0, 200) || res.statusText });
  }
  return body as Evidence;
}

/** 1536 → "1.5 KB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
