import crypto from 'node:crypto';
import type { Actor } from '../../domain/access/actor.ts';
import { authorize, scopeRegion } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { buildAndSolve, type GraphInput, type GraphSolution } from '../../domain/matching/candidate-graph.ts';
import { evaluatePair } from '../../domain/matching/evaluate.ts';
import { dueAfter } from '../../domain/matching/referral-states.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { nowIso } from '../../store/codec.ts';
import { matchingRepository, type PersonMatchRow } from '../../store/repositories/matching.repository.ts';
import { referralsRepository, type NewReferral } from '../../store/repositories/referrals.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';
import { startTsWorker } from '../workers/ts-worker.ts';
import { today } from './common.ts';

/** Above this many people the graph is built and solved in a worker thread. */
export const WORKER_THRESHOLD = 20_000;

export interface MatchRunOptions {
  region: string;
  commit?: boolean;
  /** Force (true) or forbid (false) the worker; by default it is used for large regions. */
  worker?: boolean;
  maxArcsPerPerson?: number;
}

export interface MatchRunSummary {
  runId: string;
  region: string;
  on: string;
  committed: boolean;
  people: number;
  /** Looking for work but left out because a referral of theirs is still open. */
  peopleWithOpenReferrals: number;
  postings: number;
  places: number;
  arcs: number;
  assigned: number;
  totalScore: number;
  greedyScore: number;
  provenOptimal: boolean;
  graphMs: number;
  solveMs: number;
  worker: boolean;
  /** Referrals written (commit only); pairs that already had an open referral are not written again. */
  referralsCreated: number;
  assignments: { personId: number; postingId: number; score: number }[];
}

function solveInWorker(input: GraphInput): Promise<GraphSolution> {
  return new Promise((resolve, reject) => {
    const worker = startTsWorker(new URL('./match-worker.ts', import.meta.url), { workerData: input });
    worker.once('message', (m: { ok: true; solution: GraphSolution } | { ok: false; message: string }) => {
      void worker.terminate();
      if (m.ok) resolve(m.solution);
      else reject(new Error(`match worker failed: ${m.message}`));
    });
    worker.once('error', reject);
  });
}

async function allSeekingPeople(app: App, region: string): Promise<PersonMatchRow[]> {
  const out: PersonMatchRow[] = [];
  for (let after = 0; ; ) {
    const page = await matchingRepository.seekingPeople(app.database.db, region, { afterId: after, limit: 50_000 });
    out.push(...page);
    if (page.length < 50_000) return out;
    after = page[page.length - 1].id;
  }
}

/**
 * Batch matching for a region: the people of the region looking for work (those with a referral
 * still open are left to it) against the open postings located in or managed from the region, each
 * with the places not yet filled or held by a referral in progress. The assignment maximizing the
 * total score is exact. Without `commit` nothing is written; with it, one referral in `recommended`
 * state per assignment, all in one transaction. A re-run finds those people busy and those places
 * held, so it does not duplicate (and the open-pair index would refuse a duplicate anyway).
 */
export async function runMatch(app: App, actor: Actor, opts: MatchRunOptions): Promise<MatchRunSummary> {
  authorize(actor, 'match.run');
  if (regionDepth(opts.region) === 0) throw DomainError.invalid([{ field: 'region', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码格式不正确' }]);
  const region = scopeRegion(actor, opts.region);
  const on = today();
  const db = app.database.db;
  const busy = await matchingRepository.peopleWithOpenReferrals(db, region);
  const seeking = await allSeekingPeople(app, region);
  const people = seeking.filter((p) => !busy.has(p.id));
  const postings = await matchingRepository.openPostingsOfRegion(db, region);
  const pending = await matchingRepository.pendingReferralsByPosting(db, postings.map((p) => p.id));
  const capacity = Int32Array.from(postings, (p) => Math.max(0, p.openings - p.filled - (pending.get(p.id) ?? 0)));
  const input: GraphInput = { people, postings, capacity, on, maxArcsPerPerson: opts.maxArcsPerPerson ?? 100 };
  const useWorker = opts.worker ?? people.length > WORKER_THRESHOLD;
  const s = useWorker ? await solveInWorker(input) : buildAndSolve(input);

  const assignments: MatchRunSummary['assignments'] = [];
  const scoreOf = new Map<string, number>();
  for (let e = 0; e < s.nArcs; e++) scoreOf.set(`${s.arcPerson[e]}:${s.arcPosting[e]}`, s.arcScore[e]);
  for (let i = 0; i < people.length; i++) {
    const j = s.assignedPosting[i];
    if (j >= 0) assignments.push({ personId: people[i].id, postingId: postings[j].id, score: scoreOf.get(`${i}:${j}`) ?? 0 });
  }
  const runId = `${on}-${crypto.randomBytes(4).toString('hex')}`;
  let created = 0;
  if (opts.commit && assignments.length) {
    const byPerson = new Map(people.map((p) => [p.id, p]));
    const byPosting = new Map(postings.map((p) => [p.id, p]));
    created = await inTransaction(app, async (trx) => {
      const rows: NewReferral[] = assignments.map((a) => {
        const person = byPerson.get(a.personId)!;
        const posting = byPosting.get(a.postingId)!;
        const e = evaluatePair(person, posting, { on });
        return {
          personId: a.personId, postingId: a.postingId, employerId: posting.employerId, villageCode: person.villageCode, postingScopeCode: posting.scopeCode,
          status: 'recommended', source: 'batch', score: a.score, reasons: e.reasons, ownerId: null, matchRun: runId,
          lastStepOn: on, dueOn: dueAfter('recommended', on), closedOn: null, createdBy: actor.userId,
        };
      });
      const inserted = await referralsRepository.insertMany(trx, rows);
      const at = nowIso();
      await referralsRepository.addSteps(trx, inserted.map((r) => ({ referralId: r.id, from: null, to: 'recommended', on, at, actorId: actor.userId, actorName: actor.username, note: `match run ${runId}` })));
      await writeAudit(trx, actor, { action: 'match.run', entity: 'match_run', entityId: runId, regionCode: region, after: { people: people.length, postings: postings.length, arcs: s.nArcs, assigned: assignments.length, referralsCreated: inserted.length, totalScore: s.total } });
      return inserted.length;
    });
  }
  return {
    runId,
    region,
    on,
    committed: !!opts.commit,
    people: people.length,
    peopleWithOpenReferrals: seeking.length - people.length,
    postings: postings.length,
    places: capacity.reduce((a, b) => a + b, 0),
    arcs: s.nArcs,
    assigned: assignments.length,
    totalScore: s.total,
    greedyScore: s.greedyTotal,
    provenOptimal: s.stats.provenOptimal,
    graphMs: Math.round(s.graphMs),
    solveMs: Math.round(s.solveMs),
    worker: useWorker,
    referralsCreated: created,
    assignments,
  };
}
