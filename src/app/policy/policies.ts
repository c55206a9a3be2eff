import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../domain/access/actor.ts';
import { authorize } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { evaluatePolicy, presentEvaluation } from '../../domain/policy/evaluate.ts';
import { compilePolicy, type CompiledPolicy, type PolicyRule } from '../../domain/policy/rule.ts';
import { describeAmount, describeCondition, parameterText } from '../../domain/policy/words.ts';
import { policiesRepository, type PolicyRow, type PolicyVersionRow } from '../../store/repositories/policies.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';
import { loadPolicy, unknownPolicy } from './catalog.ts';
import { fillLookups } from './facts.ts';
import { demandMinimumWages } from './minimum-wage.ts';

/** The default pack: one JSON rule per file, loaded as version 1 of each policy that is absent. */
export const DEFAULT_PACK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../policies');

function summary(p: PolicyRow, c: CompiledPolicy) {
  const r = c.rule;
  return {
    id: p.id,
    name: r.name,
    regionScope: r.regionScope,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    subjectKind: r.subjectKind,
    payee: r.payee,
    fund: r.fund,
    currentVersion: p.currentVersion,
    updatedAt: p.updatedAt,
  };
}

/** The rule of one version in words (both languages), next to the rule itself. */
export function presentRule(c: CompiledPolicy) {
  const r = c.rule;
  return {
    version: c.version,
    rule: r,
    words: {
      description: r.description ?? r.name,
      conditions: c.conditions.map((x) => ({ id: x.spec.id, expr: x.spec.expr, facts: x.facts, description: describeCondition(c, x) })),
      amount: { expr: r.amount.expr, description: describeAmount(c) },
      parameters: Object.entries(r.parameters).map(([name, p]) => ({ name, type: p.type, value: c.parameters[name] === undefined ? null : parameterText(c.parameters[name]), description: p.description ?? { zh: name, en: name } })),
      facts: Object.entries(r.facts).map(([name, f]) => ({ name, type: f.type, optional: !!f.optional, values: f.values ?? null, description: f.description ?? { zh: name, en: name } })),
      limits: { ...r.limits, capPerClaimFen: c.capFen },
    },
  };
}

function presentVersion(v: PolicyVersionRow) {
  return { version: v.version, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo, source: v.source, note: v.note, createdBy: v.createdByName, createdAt: v.createdAt };
}

export async function listPolicies(app: App, actor: Actor, opts: { region?: string } = {}) {
  authorize(actor, 'policy.read');
  const rows = await policiesRepository.list(app.database.db);
  const out = [];
  for (const p of rows) {
    // A policy applies to a region when either contains the other: a county sees the province's policies and its own.
    if (opts.region && !(opts.region.startsWith(p.regionScope) || p.regionScope.startsWith(opts.region))) continue;
    out.push(summary(p, await loadPolicy(app, p.id, p.currentVersion)));
  }
  return out;
}

export async function getPolicy(app: App, actor: Actor, id: string, opts: { version?: number } = {}) {
  authorize(actor, 'policy.read');
  const p = await policiesRepository.find(app.database.db, id);
  if (!p) throw unknownPolicy(id);
  const c = await loadPolicy(app, id, opts.version ?? p.currentVersion);
  const versions = await policiesRepository.versions(app.database.db, id);
  return { ...summary(p, c), ...presentRule(c), versions: versions.map(presentVersion) };
}

/**
 * Saves a rule as a new version (version 1 when the policy is new). The whole rule is validated
 * — every expression parsed and checked — before anything is written; older versions stay for
 * the claims made under them.
 */
export async function savePolicy(app: App, actor: Actor, input: { rule: unknown; note?: string; expectNew?: boolean; id?: string }) {
  authorize(actor, 'policy.manage');
  const rule = input.rule as PolicyRule;
  if (input.id !== undefined && rule && typeof rule === 'object' && rule.id !== undefined && rule.id !== input.id) {
    throw DomainError.invalid([{ field: 'id', code: 'policy_id_mismatch', message: `the rule's id ${String(rule.id)} differs from the policy ${input.id} being changed`, messageZh: '规则编号与所改政策不一致' }]);
  }
  const withId = input.id !== undefined && rule && typeof rule === 'object' ? { ...rule, id: input.id } : rule;
  const c = compilePolicy(withId);
  const id = c.rule.id;
  return inTransaction(app, async (trx) => {
    const existing = await policiesRepository.find(trx, id);
    if (input.expectNew && existing) throw DomainError.conflict('duplicate', `Policy ${id} exists already; change it with PUT /api/v1/policies/${id}`, { id });
    if (!input.expectNew && !existing) throw unknownPolicy(id);
    const names = { nameZh: c.rule.name.zh, nameEn: c.rule.name.en, regionScope: c.rule.regionScope };
    let version = 1;
    if (!existing) {
      if (!(await policiesRepository.insert(trx, { id, ...names }))) throw DomainError.conflict('duplicate', `Policy ${id} exists already`, { id });
    } else {
      version = existing.currentVersion + 1;
      if (!(await policiesRepository.advance(trx, id, existing.currentVersion, names))) {
        throw new DomainError('version_conflict', `Policy ${id} was changed by someone else meanwhile; reload it and apply your change again`, { details: { id } });
      }
    }
    const saved = await policiesRepository.insertVersion(trx, {
      policyId: id,
      version,
      rule: withId,
      effectiveFrom: c.rule.effectiveFrom,
      effectiveTo: c.rule.effectiveTo ?? null,
      source: 'admin',
      note: input.note ?? '',
      createdBy: actor.userId,
      createdByName: actor.username,
    });
    const before = existing ? await policiesRepository.version(trx, id, existing.currentVersion) : undefined;
    await writeAudit(trx, actor, {
      action: existing ? 'policy.update' : 'policy.create',
      entity: 'policy',
      entityId: id,
      regionCode: c.rule.regionScope,
      before: before ? { version: before.version, rule: before.rule } : null,
      after: { version, rule: withId, note: input.note ?? '' },
    });
    const p = (await policiesRepository.find(trx, id))!;
    return { ...summary(p, { ...c, version }), version: saved.version };
  });
}

/**
 * Evaluates a policy over facts the caller gives; facts the rule can look up (the local minimum
 * wage) are filled from the records when left out.
 */
export async function evaluateFacts(app: App, actor: Actor, input: { policy: string; facts: Record<string, unknown>; version?: number }) {
  authorize(actor, 'policy.evaluate');
  const c = await loadPolicy(app, input.policy, input.version);
  const facts = fillLookups(c, input.facts, { minimumWage: await demandMinimumWages(app.database.db) });
  return presentEvaluation(evaluatePolicy(c, facts));
}

/**
 * Loads the default pack: each file's policy is written as version 1 when no policy with its id
 * exists. An administrator's later versions are left alone. Safe to run from two processes at once.
 */
export async function ensureDefaultPolicies(app: App, dir = DEFAULT_PACK_DIR): Promise<string[]> {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const existing = new Set((await policiesRepository.list(app.database.db)).map((p) => p.id));
  const loaded: string[] = [];
  for (const f of files) {
    let rule: unknown;
    try {
      rule = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    } catch (e) {
      throw new Error(`policies/${f} is not valid JSON: ${(e as Error).message}`);
    }
    let c: CompiledPolicy;
    try {
      c = compilePolicy(rule);
    } catch (e) {
      throw new Error(`policies/${f} is not a valid policy: ${(e as Error).message}`);
    }
    if (existing.has(c.rule.id)) continue;
    await inTransaction(app, async (trx) => {
      if (!(await policiesRepository.insert(trx, { id: c.rule.id, nameZh: c.rule.name.zh, nameEn: c.rule.name.en, regionScope: c.rule.regionScope }))) return;
      await policiesRepository.insertVersion(trx, {
        policyId: c.rule.id,
        version: 1,
        rule,
        effectiveFrom: c.rule.effectiveFrom,
        effectiveTo: c.rule.effectiveTo ?? null,
        source: 'default-pack',
        note: `policies/${f}`,
        createdBy: 0,
        createdByName: 'system',
      });
      loaded.push(c.rule.id);
    });
  }
  if (loaded.length) app.log(`Loaded ${loaded.length} default polic${loaded.length === 1 ? 'y' : 'ies'}: ${loaded.join(', ')}`);
  return loaded;
}
