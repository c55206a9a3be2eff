import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { Actor } from '../../domain/access/actor.ts';
import { authorize } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { OCCUPATION_CODE } from '../../domain/occupations/catalog.ts';
import { occupationsRepository, type OccupationRow } from '../../store/repositories/occupations.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App } from '../context.ts';
import { emptyReport, type ImportReport } from '../import-report.ts';

export function presentOccupation(o: OccupationRow & { childCount?: number }) {
  return { code: o.code, nameZh: o.nameZh, nameEn: o.nameEn, parentCode: o.parentCode, level: o.level, builtin: o.builtin, ...(o.childCount !== undefined ? { childCount: o.childCount } : {}) };
}

/** Search by name or code prefix; else the children of `parent` (the top of the tree without it). */
export async function listOccupations(app: App, actor: Actor, q: { q?: string; parent?: string; limit?: number }) {
  authorize(actor, 'occupation.read');
  const db = app.database.db;
  if (q.q?.trim()) return { items: (await occupationsRepository.search(db, q.q.trim(), Math.min(q.limit ?? 30, 200), app.database.caps.ilike)).map(presentOccupation) };
  return { items: (await occupationsRepository.children(db, q.parent ?? null)).map(presentOccupation) };
}

interface ImportNode {
  code: string;
  nameZh: string;
  nameEn: string | null;
  parentCode: string | null;
  level: number;
}

function parentOf(code: string): string | null {
  const parts = code.split('-');
  return parts.length > 1 ? parts.slice(0, -1).join('-') : null;
}

/** Reads a JSON tree ({data: [{seq|code, name, name_en?, children}]} or a bare array) into nodes. */
function readJsonTree(text: string, report: ImportReport): ImportNode[] {
  const doc = JSON.parse(text);
  const roots: any[] = Array.isArray(doc) ? doc : Array.isArray(doc?.data) ? doc.data : [];
  const out: ImportNode[] = [];
  let n = 0;
  const walk = (nodes: any[], parent: string | null) => {
    for (const x of nodes) {
      n++;
      const code = String(x.code ?? x.seq ?? '').trim();
      const name = String(x.nameZh ?? x.name ?? '').trim();
      if (!OCCUPATION_CODE.test(code)) report.errors.push({ row: n, column: 'code', code: 'occupation_code_format', message: `"${code}" is not a code such as 4-09-08-01` });
      else if (!name) report.errors.push({ row: n, column: 'name', code: 'required', message: 'the name is missing' });
      else out.push({ code, nameZh: name, nameEn: x.nameEn ?? x.name_en ?? null, parentCode: parent ?? parentOf(code), level: code.split('-').length });
      if (Array.isArray(x.children)) walk(x.children, OCCUPATION_CODE.test(code) ? code : parent);
    }
  };
  walk(roots, null);
  return out;
}

async function readCsv(file: string, report: ImportReport): Promise<ImportNode[]> {
  const out: ImportNode[] = [];
  const parser = fs.createReadStream(file).pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true }));
  let row = 1;
  for await (const rec of parser as AsyncIterable<Record<string, string>>) {
    row++;
    const code = rec.code ?? '';
    const name = rec.name ?? rec.name_zh ?? '';
    const parent = rec.parent || rec.parent_code || null;
    if (!OCCUPATION_CODE.test(code)) report.errors.push({ row, column: 'code', code: 'occupation_code_format', message: `"${code}" is not a code such as 4-09-08-01` });
    else if (!name) report.errors.push({ row, column: 'name', code: 'required', message: 'the name is missing' });
    else if (parent && !OCCUPATION_CODE.test(parent)) report.errors.push({ row, column: 'parent', code: 'occupation_code_format', message: `"${parent}" is not an occupation code` });
    else out.push({ code, nameZh: name, nameEn: rec.name_en || null, parentCode: parent ?? parentOf(code), level: code.split('-').length });
  }
  return out;
}

/**
 * Loads a full classification tree (JSON tree or CSV of code, name, parent). Idempotent: nodes
 * are keyed by code, a second run reports them all unchanged.
 */
export async function importOccupations(app: App, actor: Actor, file: string): Promise<ImportReport> {
  authorize(actor, 'occupation.import');
  if (!fs.existsSync(file)) throw DomainError.invalid([{ field: 'file', code: 'file_missing', message: `no file at ${file}` }]);
  const report = emptyReport();
  let nodes: ImportNode[];
  if (/\.json$/i.test(file)) {
    try {
      nodes = readJsonTree(fs.readFileSync(file, 'utf8'), report);
    } catch (e) {
      throw DomainError.invalid([{ field: 'file', code: 'json_invalid', message: `is not valid JSON: ${(e as Error).message}` }]);
    }
  } else nodes = await readCsv(file, report);
  const seen = new Map<string, ImportNode>();
  for (const n of nodes) seen.set(n.code, n);
  nodes = [...seen.values()];
  report.rejected = report.errors.length;
  report.accepted = nodes.length;
  await inTransaction(app, async (trx) => {
    const existing = await occupationsRepository.findMany(trx, nodes.map((n) => n.code));
    const changed = nodes.filter((n) => {
      const e = existing.get(n.code);
      if (!e) {
        report.created++;
        return true;
      }
      if (e.nameZh === n.nameZh && e.parentCode === n.parentCode && (n.nameEn == null || e.nameEn === n.nameEn)) {
        report.unchanged++;
        return false;
      }
      report.updated++;
      return true;
    });
    for (let i = 0; i < changed.length; i += 5000) await occupationsRepository.upsertMany(app.database, trx, changed.slice(i, i + 5000));
    await writeAudit(trx, actor, { action: 'occupation.import', entity: 'occupation', entityId: file.split(/[\\/]/).pop() ?? file, after: { created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected } });
  });
  return report;
}
