import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope, scopeRegion } from '../../domain/access/policy.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { percent } from '../../domain/field/visit.ts';
import { VISIT_OUTCOMES } from '../../domain/field/visit.ts';
import { regionDepth } from '../../domain/regions/region-code.ts';
import { regionsRepository } from '../../store/repositories/regions.repository.ts';
import { usersRepository } from '../../store/repositories/users.repository.ts';
import { verificationRepository, type RoundRecord } from '../../store/repositories/verification.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';

export function presentRound(r: RoundRecord, extra: { countyName?: string | null; myTeamId?: number | null } = {}) {
  return {
    id: r.id,
    countyCode: r.countyCode,
    countyName: extra.countyName ?? null,
    name: r.name,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    status: r.status,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
    myTeamId: extra.myTeamId ?? null,
    version: r.version,
  };
}

function invalid(field: string, code: string, message: string, messageZh: string): DomainError {
  return DomainError.invalid([{ field, code, message, messageZh }]);
}

/**
 * Loads a round the actor may reach with `action`: officers by the round's county, field verifiers
 * only when they are a member of one of its teams (their team is returned).
 */
export async function loadRound(db: Tx, actor: Actor, id: number, action: string): Promise<{ round: RoundRecord; teamId: number | null }> {
  authorize(actor, action);
  const round = await verificationRepository.round(db, id);
  if (!round) throw DomainError.notFound('Verification round', id);
  if (actor.role === 'field_verifier') {
    const teamId = await verificationRepository.teamOf(db, id, actor.userId);
    if (teamId == null) throw new DomainError('not_found', `Verification round ${id} was not found among your team's rounds`);
    return { round, teamId };
  }
  authorize(actor, action, { regionCode: round.countyCode }, `Verification round ${id}`);
  return { round, teamId: null };
}

export function requireOpen(round: RoundRecord): void {
  if (round.status !== 'open') throw DomainError.conflict('round_closed', `Verification round ${round.id} is closed; its tasks are frozen`, { roundId: round.id });
}

export async function createRound(app: App, actor: Actor, input: { name: string; countyCode?: string; startsOn?: string | null; endsOn?: string | null }) {
  authorize(actor, 'verification.manage');
  const issues: FieldIssue[] = [];
  const name = input.name.trim();
  if (!name || name.length > 100) issues.push({ field: 'name', code: 'name_length', message: 'must be 1–100 characters', messageZh: '名称须为1至100个字符' });
  const county = input.countyCode ?? (regionDepth(actor.regionCode) === 3 ? actor.regionCode : '');
  if (regionDepth(county) !== 3) issues.push({ field: 'countyCode', code: 'county_required', message: 'must be a county code of 6 digits', messageZh: '须为6位县级区划代码' });
  for (const k of ['startsOn', 'endsOn'] as const) {
    const v = input[k];
    if (v && !isIsoDate(v)) issues.push({ field: k, code: 'date_format', message: 'must be a date written YYYY-MM-DD', messageZh: '日期格式应为YYYY-MM-DD' });
  }
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) issues.push({ field: 'endsOn', code: 'ends_before_start', message: 'must not be before the start date', messageZh: '结束日期不能早于开始日期' });
  if (issues.length) throw DomainError.invalid(issues);
  if (!inScope(actor, county)) throw invalid('countyCode', 'out_of_scope', `region ${county} is outside your region ${actor.regionCode}`, '区划超出本账号的管辖范围');
  return inTransaction(app, async (trx) => {
    const region = await regionsRepository.find(trx, county);
    if (!region) throw invalid('countyCode', 'region_unknown', `no region with code ${county} is loaded`, '区划代码不存在');
    const r = await verificationRepository.insertRound(trx, { countyCode: county, name, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null, createdBy: actor.userId });
    const shown = presentRound(r, { countyName: region.name });
    await writeAudit(trx, actor, { action: 'verification.round.create', entity: 'verification_round', entityId: r.id, regionCode: county, after: shown });
    return shown;
  });
}

export async function listRounds(app: App, actor: Actor, q: { region?: string; status?: string }) {
  authorize(actor, 'verification.read');
  const db = app.database.db;
  const rounds = actor.role === 'field_verifier'
    ? await verificationRepository.rounds(db, { memberId: actor.userId, status: q.status })
    : await verificationRepository.rounds(db, { within: scopeRegion(actor, q.region), status: q.status });
  const mine = actor.role === 'field_verifier' ? await verificationRepository.memberships(db, actor.userId) : new Map<number, number>();
  const names = new Map((await regionsRepository.findMany(db, [...new Set(rounds.map((r) => r.countyCode))])).map((r) => [r.code, r.name]));
  return { items: rounds.map((r) => presentRound(r, { countyName: names.get(r.countyCode), myTeamId: mine.get(r.id) ?? null })) };
}

export async function getRound(app: App, actor: Actor, id: number) {
  const db = app.database.db;
  const { round, teamId } = await loadRound(db, actor, id, 'verification.read');
  const county = await regionsRepository.find(db, round.countyCode);
  return presentRound(round, { countyName: county?.name, myTeamId: teamId });
}

export async function listTeams(app: App, actor: Actor, roundId: number) {
  const db = app.database.db;
  const { teamId } = await loadRound(db, actor, roundId, 'verification.read');
  const teams = await verificationRepository.teams(db, roundId);
  return { items: teamId == null ? teams : teams.filter((t) => t.id === teamId) };
}

/** Members must be enabled field-verifier accounts of the round's county, in no other team of the round. */
async function checkMembers(trx: Tx, round: RoundRecord, teamId: number, userIds: number[]): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const [i, uid] of userIds.entries()) {
    const u = await usersRepository.byId(trx, uid);
    if (!u || u.role !== 'field_verifier' || u.disabled || !u.regionCode.startsWith(round.countyCode)) {
      issues.push({ field: `memberIds.${i}`, code: 'not_a_county_verifier', message: `account ${uid} is not an enabled field verifier of county ${round.countyCode}`, messageZh: '该账号不是本县的入户核查员' });
    }
  }
  const elsewhere = await verificationRepository.membersElsewhere(trx, round.id, teamId, userIds);
  for (const uid of elsewhere) issues.push({ field: `memberIds.${userIds.indexOf(uid)}`, code: 'already_in_team', message: `account ${uid} is already in another team of this round`, messageZh: '该核查员已在本轮的其他小组中' });
  if (issues.length) throw DomainError.invalid(issues);
}

export async function createTeam(app: App, actor: Actor, roundId: number, input: { name: string; memberIds: number[] }) {
  return inTransaction(app, async (trx) => {
    const { round } = await loadRound(trx, actor, roundId, 'verification.manage');
    requireOpen(round);
    const name = input.name.trim();
    if (!name || name.length > 60) throw invalid('name', 'name_length', 'must be 1–60 characters', '小组名称须为1至60个字符');
    if (await verificationRepository.teamByName(trx, roundId, name)) throw invalid('name', 'team_name_taken', `a team named ${name} exists in this round`, '本轮已有同名小组');
    const memberIds = [...new Set(input.memberIds)];
    const teamId = await verificationRepository.insertTeam(trx, roundId, name);
    await checkMembers(trx, round, teamId, memberIds);
    await verificationRepository.setMembers(trx, roundId, teamId, memberIds);
    const team = (await verificationRepository.teams(trx, roundId)).find((t) => t.id === teamId)!;
    await writeAudit(trx, actor, { action: 'verification.team.create', entity: 'verification_team', entityId: teamId, regionCode: round.countyCode, after: { roundId, name, memberIds } });
    return team;
  });
}

export async function updateTeam(app: App, actor: Actor, roundId: number, teamId: number, input: { name?: string; memberIds?: number[] }) {
  return inTransaction(app, async (trx) => {
    const { round } = await loadRound(trx, actor, roundId, 'verification.manage');
    requireOpen(round);
    const before = (await verificationRepository.teams(trx, roundId)).find((t) => t.id === teamId);
    if (!before) throw DomainError.notFound('Team', teamId);
    if (input.name !== undefined) {
      const name = input.name.trim();
      if (!name || name.length > 60) throw invalid('name', 'name_length', 'must be 1–60 characters', '小组名称须为1至60个字符');
      const other = await verificationRepository.teamByName(trx, roundId, name);
      if (other && other !== teamId) throw invalid('name', 'team_name_taken', `a team named ${name} exists in this round`, '本轮已有同名小组');
      await verificationRepository.renameTeam(trx, teamId, name);
    }
    if (input.memberIds !== undefined) {
      const memberIds = [...new Set(input.memberIds)];
      await checkMembers(trx, round, teamId, memberIds);
      await verificationRepository.setMembers(trx, roundId, teamId, memberIds);
    }
    const after = (await verificationRepository.teams(trx, roundId)).find((t) => t.id === teamId)!;
    await writeAudit(trx, actor, {
      action: 'verification.team.update', entity: 'verification_team', entityId: teamId, regionCode: round.countyCode,
      before: { name: before.name, memberIds: before.members.map((m) => m.userId) }, after: { name: after.name, memberIds: after.members.map((m) => m.userId) },
    });
    return after;
  });
}

/** Assigns villages of the round's county to a team; each live household there becomes a task. */
export async function assignVillages(app: App, actor: Actor, roundId: number, input: { teamId: number; villageCodes: string[] }) {
  return inTransaction(app, async (trx) => {
    const { round } = await loadRound(trx, actor, roundId, 'verification.manage');
    requireOpen(round);
    const team = await verificationRepository.team(trx, input.teamId);
    if (!team || team.roundId !== roundId) throw invalid('teamId', 'team_unknown', `team ${input.teamId} is not a team of round ${roundId}`, '该小组不属于本轮核查');
    const codes = [...new Set(input.villageCodes)];
    const issues: FieldIssue[] = [];
    const known = new Map((await regionsRepository.findMany(trx, codes)).map((r) => [r.code, r]));
    codes.forEach((c, i) => {
      if (regionDepth(c) !== 5 || !c.startsWith(round.countyCode) || !known.has(c)) {
        issues.push({ field: `villageCodes.${i}`, code: 'village_not_in_county', message: `${c} is not a village of county ${round.countyCode}`, messageZh: '该村不属于本轮核查的县' });
      }
    });
    if (!codes.length) issues.push({ field: 'villageCodes', code: 'required', message: 'name at least one village', messageZh: '请至少选择一个村' });
    if (issues.length) throw DomainError.invalid(issues);
    let tasksCreated = 0;
    for (const c of codes) tasksCreated += await verificationRepository.assignVillage(trx, roundId, team.id, c);
    await writeAudit(trx, actor, { action: 'verification.assign', entity: 'verification_team', entityId: team.id, regionCode: round.countyCode, after: { roundId, villageCodes: codes, tasksCreated } });
    return { teamId: team.id, villageCodes: codes, tasksCreated };
  });
}

export async function listAssignments(app: App, actor: Actor, roundId: number) {
  const db = app.database.db;
  const { teamId } = await loadRound(db, actor, roundId, 'verification.read');
  const teams = await verificationRepository.teams(db, roundId);
  const rows = teams.filter((t) => teamId == null || t.id === teamId).flatMap((t) => t.villages.map((v) => ({ villageCode: v, teamId: t.id, teamName: t.name })));
  const names = new Map((await regionsRepository.findMany(db, rows.map((r) => r.villageCode))).map((r) => [r.code, r.name]));
  return { items: rows.map((r) => ({ ...r, villageName: names.get(r.villageCode) ?? null })) };
}

/** Closes a round: its tasks freeze and visits are refused from then on. */
export async function closeRound(app: App, actor: Actor, roundId: number, input: { version: number }) {
  return inTransaction(app, async (trx) => {
    const { round } = await loadRound(trx, actor, roundId, 'verification.manage');
    requireOpen(round);
    if (round.version !== input.version || !(await verificationRepository.closeRound(trx, roundId, actor.userId, input.version))) {
      throw new DomainError('version_conflict', `Verification round ${roundId} was changed by someone else; reload it`, { details: { currentVersion: round.version } });
    }
    const after = (await verificationRepository.round(trx, roundId))!;
    await writeAudit(trx, actor, { action: 'verification.round.close', entity: 'verification_round', entityId: roundId, regionCode: round.countyCode, before: { status: round.status }, after: { status: after.status, closedAt: after.closedAt } });
    const county = await regionsRepository.find(trx, round.countyCode);
    return presentRound(after, { countyName: county?.name });
  });
}

type Tally = { households: number; visited: number; conflicts: number; persons: number; checked: number; outcomes: Record<string, number> };
const emptyTally = (): Tally => ({ households: 0, visited: 0, conflicts: 0, persons: 0, checked: 0, outcomes: Object.fromEntries(VISIT_OUTCOMES.map((o) => [o, 0])) });

function withRates<T extends Tally>(t: T) {
  return { ...t, visitedPercent: percent(t.visited, t.households), verifiedPercent: percent(t.checked, t.persons) };
}

/**
 * Progress of a round by village and by team: households visited, people checked (their latest
 * check applied or resolved, whatever the outcome), outcomes, and the percentages of both.
 */
export async function roundProgress(app: App, actor: Actor, roundId: number) {
  const db = app.database.db;
  const { round, teamId } = await loadRound(db, actor, roundId, 'verification.read');
  const within = actor.role === 'field_verifier' ? round.countyCode : scopeRegion(actor, round.countyCode);
  const [tasks, people, outcomes, teams] = await Promise.all([
    verificationRepository.taskTally(db, roundId, within),
    verificationRepository.personTally(db, roundId, within),
    verificationRepository.outcomeTally(db, roundId, within),
    verificationRepository.teams(db, roundId),
  ]);
  const visible = (t: number) => teamId == null || t === teamId;
  const byVillage = new Map<string, Tally & { teamId: number }>();
  const byTeam = new Map<number, Tally>();
  const total = emptyTally();
  const slot = (v: string, t: number) => {
    if (!byVillage.has(v)) byVillage.set(v, { ...emptyTally(), teamId: t });
    if (!byTeam.has(t)) byTeam.set(t, emptyTally());
    return [byVillage.get(v)!, byTeam.get(t)!, total];
  };
  for (const r of tasks.filter((r) => visible(r.teamId))) for (const s of slot(r.villageCode, r.teamId)) { s.households += r.households; s.visited += r.visited; s.conflicts += r.conflicts; }
  for (const r of people.filter((r) => visible(r.teamId))) for (const s of slot(r.villageCode, r.teamId)) s.persons += r.persons;
  for (const r of outcomes.filter((r) => visible(r.teamId))) {
    for (const s of slot(r.villageCode, r.teamId)) {
      if (r.state === 'conflict') continue;
      s.checked += r.n;
      s.outcomes[r.outcome] = (s.outcomes[r.outcome] ?? 0) + r.n;
    }
  }
  const names = new Map((await regionsRepository.findMany(db, [...byVillage.keys()])).map((r) => [r.code, r.name]));
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  return {
    roundId,
    status: round.status,
    total: withRates(total),
    byVillage: [...byVillage].sort(([a], [b]) => a.localeCompare(b)).map(([code, t]) => ({ villageCode: code, villageName: names.get(code) ?? null, teamName: teamNames.get(t.teamId) ?? null, ...withRates(t) })),
    byTeam: [...byTeam].sort(([a], [b]) => a - b).map(([id, t]) => ({ teamId: id, teamName: teamNames.get(id) ?? null, ...withRates(t) })),
  };
}
