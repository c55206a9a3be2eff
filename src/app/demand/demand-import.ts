import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope } from '../../domain/access/policy.ts';
import { normalizeCreditCode } from '../../domain/demand/credit-code.ts';
import { checkEmployer, type EmployerDraft } from '../../domain/demand/employer-rules.ts';
import { checkPosting, type PostingDraft } from '../../domain/demand/posting-rules.ts';
import type { FieldIssue } from '../../domain/errors.ts';
import { bulkUpsert, type BulkTable } from '../../store/bulk.ts';
import { nowIso } from '../../store/codec.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import { employersRepository, encodeEmployer, type EmployerFields, type EmployerRecord } from '../../store/repositories/employers.repository.ts';
import { encodePosting, postingsRepository, type PostingFields, type PostingRecord } from '../../store/repositories/postings.repository.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type App, type Tx } from '../context.ts';
import { noteRegionsChanged } from '../region-changes.ts';
import { emptyReport, type ImportReport } from '../import-report.ts';
import { parseDate, parseFlag, parseNumber, readImportRows, type ImportColumn, type SourceRow } from './import-rows.ts';
import { postingContextLoader } from './posting-context.ts';

export const EMPLOYER_COLUMNS: ImportColumn[] = [
  { key: 'name', zh: '单位名称', aliases: ['企业名称'], required: true },
  { key: 'credit_code', zh: '统一社会信用代码', aliases: ['信用代码'], required: true },
  { key: 'region_code', zh: '所在区划代码', aliases: ['区划代码', '行政区划代码'], required: true },
  { key: 'scope_code', zh: '管理区划代码', aliases: ['管理区划'] },
  { key: 'address', zh: '地址', aliases: ['单位地址'] },
  { key: 'industry', zh: '行业', aliases: ['所属行业'] },
  { key: 'is_sme', zh: '中小企业', aliases: ['是否中小企业'] },
  { key: 'contact_name', zh: '联系人' },
  { key: 'contact_phone', zh: '联系电话', aliases: ['电话'] },
  { key: 'operating_status', zh: '经营状态', aliases: ['生产经营状态'] },
  { key: 'status_date', zh: '状态日期', aliases: ['复工日期', '停工日期'] },
  { key: 'employees_total', zh: '职工总数', aliases: ['职工人数'] },
  { key: 'poor_employees', zh: '吸纳贫困劳动力', aliases: ['贫困劳动力人数'] },
  { key: 'is_workshop', zh: '扶贫车间', aliases: ['是否扶贫车间'] },
  { key: 'workshop_recognized_on', zh: '车间认定日期', aliases: ['认定日期'] },
];

export const POSTING_COLUMNS: ImportColumn[] = [
  { key: 'employer_credit_code', zh: '单位统一社会信用代码', aliases: ['统一社会信用代码', 'credit_code'], required: true },
  { key: 'external_no', zh: '岗位编号', required: true },
  { key: 'title', zh: '岗位名称', required: true },
  { key: 'occupation_code', zh: '职业代码', aliases: ['工种代码'], required: true },
  { key: 'post_type', zh: '岗位类型' },
  { key: 'openings', zh: '招聘人数', required: true },
  { key: 'filled', zh: '已招人数' },
  { key: 'pay_min_yuan', zh: '月薪下限', aliases: ['月薪下限(元)', '最低月薪'], required: true },
  { key: 'pay_max_yuan', zh: '月薪上限', aliases: ['月薪上限(元)', '最高月薪'] },
  { key: 'region_code', zh: '工作地区划代码', aliases: ['工作地点代码'] },
  { key: 'address', zh: '工作地址' },
  { key: 'start_date', zh: '开始日期', aliases: ['用工开始日期'], required: true },
  { key: 'end_date', zh: '结束日期', aliases: ['用工结束日期'] },
  { key: 'hours', zh: '工作时间' },
  { key: 'age_min', zh: '最低年龄' },
  { key: 'age_max', zh: '最高年龄' },
  { key: 'skills', zh: '技能要求' },
  { key: 'certificates', zh: '证书要求' },
  { key: 'health_certificate', zh: '需健康证' },
  { key: 'requirements_other', zh: '其他要求' },
  { key: 'board', zh: '包吃' },
  { key: 'lodging', zh: '包住' },
  { key: 'weak_labor_ok', zh: '适合弱劳动力' },
  { key: 'status', zh: '状态' },
  { key: 'accident_insurance_yuan', zh: '意外险保额', aliases: ['意外险保额(元)'] },
  { key: 'description', zh: '岗位描述' },
];

const OPERATING_ZH: Record<string, string> = { 正常经营: 'operating', 正常: 'operating', 已复工: 'resumed', 复工: 'resumed', 停工: 'suspended', 停产: 'suspended', 停业: 'suspended' };
const POST_TYPE_ZH: Record<string, string> = { 普通岗位: 'regular', 普通: 'regular', 临时岗位: 'temporary', 临时: 'temporary', 公益性岗位: 'public_welfare', 公益岗: 'public_welfare', 扶贫车间: 'workshop', 车间: 'workshop', 季节性: 'seasonal', 季节工: 'seasonal' };
const STATUS_ZH: Record<string, string> = { 草稿: 'draft', 招聘中: 'open', 已招满: 'filled', 已关闭: 'closed' };

/** Field names of the domain rules → the import column they came from. */
const EMPLOYER_FIELD_COLUMN: Record<string, string> = { creditCode: 'credit_code', regionCode: 'region_code', scopeCode: 'scope_code', contactPhone: 'contact_phone', operatingStatus: 'operating_status', statusDate: 'status_date', employeesTotal: 'employees_total', poorEmployees: 'poor_employees', workshopRecognizedOn: 'workshop_recognized_on', isSme: 'is_sme', isWorkshop: 'is_workshop' };
const POSTING_FIELD_COLUMN: Record<string, string> = {
  occupationCode: 'occupation_code', postType: 'post_type', payMinFen: 'pay_min_yuan', payMaxFen: 'pay_max_yuan', regionCode: 'region_code', startDate: 'start_date', endDate: 'end_date',
  'requirements.ageMin': 'age_min', 'requirements.ageMax': 'age_max', 'requirements.other': 'requirements_other', 'requirements.skills': 'skills', 'requirements.certificates': 'certificates', accidentInsuranceFen: 'accident_insurance_yuan', weakLaborOk: 'weak_labor_ok', healthCertificate: 'health_certificate',
};

class RowErrors {
  list: FieldIssue[] = [];
  add(column: string, code: string, message: string) {
    this.list.push({ field: column, code, message });
  }
}

function flag(cells: Record<string, string>, key: string, errs: RowErrors): boolean {
  const v = parseFlag(cells[key] ?? '');
  if (v === undefined) errs.add(key, 'flag_format', `"${cells[key]}" is not yes/no (是/否, 1/0)`);
  return v ?? false;
}
function int(cells: Record<string, string>, key: string, errs: RowErrors, fallback: number | null): number | null {
  const raw = cells[key] ?? '';
  if (raw.trim() === '') return fallback;
  const v = parseNumber(raw);
  if (v === undefined || !Number.isInteger(v)) {
    errs.add(key, 'number_format', `"${raw}" is not a whole number`);
    return fallback;
  }
  return v;
}
function fen(cells: Record<string, string>, key: string, errs: RowErrors): number | null {
  const raw = cells[key] ?? '';
  if (raw.trim() === '') return null;
  const v = parseNumber(raw);
  if (v === undefined || v < 0) {
    errs.add(key, 'amount_format', `"${raw}" is not an amount in yuan`);
    return null;
  }
  return Math.round(v * 100);
}

type RegionCache = Map<string, string | null>;
/** Resolves the region codes of a batch in one query; codes it does not find go through `region` one by one. */
async function preloadRegions(db: Tx, cache: RegionCache, codes: string[]): Promise<void> {
  const missing = [...new Set(codes)].filter((c) => c && !cache.has(c) && /^\d{2,12}$/.test(c));
  if (!missing.length) return;
  const found = await demandRegionsRepository.names(db, missing);
  for (const c of found.keys()) cache.set(c, c);
}

async function region(db: Tx, cache: RegionCache, code: string): Promise<string | null> {
  if (!cache.has(code)) cache.set(code, /^\d{2,12}$/.test(code) ? ((await demandRegionsRepository.resolve(db, code))?.code ?? null) : null);
  return cache.get(code)!;
}

const EMPLOYER_BULK: BulkTable = {
  table: 'employers',
  columns: [
    ['name', 'text'], ['credit_code', 'text'], ['region_code', 'text'], ['scope_code', 'text'], ['address', 'text'], ['industry', 'text'], ['is_sme', 'boolean'], ['contact_name', 'text'],
    ['contact_phone', 'text'], ['operating_status', 'text'], ['status_date', 'text'], ['employees_total', 'int'], ['poor_employees', 'int'], ['is_workshop', 'boolean'], ['workshop_recognized_on', 'text'],
    ['created_at', 'text'], ['updated_at', 'text'], ['version', 'int'],
  ].map(([name, pgType]) => ({ name, pgType })),
  key: ['credit_code'],
};

const POSTING_BULK: BulkTable = {
  table: 'postings',
  columns: [
    ['employer_id', 'bigint'], ['external_no', 'text'], ['title', 'text'], ['occupation_code', 'text'], ['post_type', 'text'], ['openings', 'int'], ['filled', 'int'], ['pay_min_fen', 'bigint'], ['pay_max_fen', 'bigint'],
    ['region_code', 'text'], ['province_code', 'text'], ['city_code', 'text'], ['county_code', 'text'], ['town_code', 'text'], ['scope_code', 'text'], ['address', 'text'], ['start_date', 'text'], ['end_date', 'text'], ['hours', 'text'],
    ['requirements', 'jsonb'], ['board', 'boolean'], ['lodging', 'boolean'], ['weak_labor_ok', 'boolean'], ['status', 'text'], ['accident_insurance_fen', 'bigint'], ['description', 'text'],
    ['created_at', 'text'], ['updated_at', 'text'], ['version', 'int'],
  ].map(([name, pgType]) => ({ name, pgType })),
  key: ['employer_id', 'external_no'],
};

/** JSON with object keys sorted, so that values read back from jsonb (which reorders keys) compare equal. */
function canon(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}
const sameEmployer = (a: EmployerFields, b: EmployerRecord) => canon(encodeEmployer(a)) === canon(encodeEmployer(b));
function samePosting(a: PostingFields, b: PostingRecord): boolean {
  const { requirements: ra, ...ea } = encodePosting(a);
  const { requirements: rb, ...eb } = encodePosting(b);
  // encodePosting lists the columns in one order, so only the requirements need a key-order-free comparison.
  return JSON.stringify(ea) === JSON.stringify(eb) && canon(a.requirements) === canon(b.requirements);
}

function reject(r: ImportReport, row: number, issues: FieldIssue[], columnOf: Record<string, string>) {
  r.rejected++;
  for (const i of issues) r.errors.push({ row, column: columnOf[i.field] ?? i.field, code: i.code, message: i.message });
}

/**
 * Imports employers from CSV or .xlsx, keyed by credit code: new codes are created, changed rows
 * updated (version + 1), identical rows left alone, so a second run reports everything unchanged.
 * Rows are checked with the same rules as the API; each bad cell is reported with its row and column.
 */
export async function importEmployers(app: App, actor: Actor, file: string, opts: { batchSize?: number } = {}): Promise<ImportReport> {
  authorize(actor, 'employer.import');
  const r = emptyReport();
  const db = app.database.db;
  const regions: RegionCache = new Map();
  const seen = new Set<string>();
  for await (const batch of readImportRows(file, EMPLOYER_COLUMNS, opts.batchSize ?? 5000)) {
    const ok: { row: number; fields: EmployerFields }[] = [];
    for (const { row, cells } of batch) {
      const errs = new RowErrors();
      const status = cells.operating_status ? (OPERATING_ZH[cells.operating_status] ?? cells.operating_status) : 'operating';
      const draft: EmployerDraft = {
        name: cells.name ?? '', creditCode: normalizeCreditCode(cells.credit_code ?? ''), regionCode: cells.region_code ?? '', address: cells.address ?? '', industry: cells.industry ?? '',
        isSme: flag(cells, 'is_sme', errs), contactName: cells.contact_name ?? '', contactPhone: cells.contact_phone ?? '', operatingStatus: status, statusDate: parseDate(cells.status_date ?? ''),
        employeesTotal: int(cells, 'employees_total', errs, 0)!, poorEmployees: int(cells, 'poor_employees', errs, 0)!, isWorkshop: flag(cells, 'is_workshop', errs), workshopRecognizedOn: parseDate(cells.workshop_recognized_on ?? ''),
      };
      const issues = [...errs.list, ...checkEmployer(draft)];
      const regionCode = issues.some((i) => i.field === 'regionCode') ? null : await region(db, regions, draft.regionCode);
      if (!regionCode && !issues.some((i) => i.field === 'regionCode')) issues.push({ field: 'regionCode', code: 'region_unknown', message: `no region with code ${draft.regionCode} exists` });
      let scope = cells.scope_code || (regionCode && inScope(actor, regionCode) ? regionCode : actor.regionCode) || regionCode || '';
      if (cells.scope_code && !(await region(db, regions, cells.scope_code))) issues.push({ field: 'scopeCode', code: 'region_unknown', message: `no region with code ${cells.scope_code} exists` });
      else if (scope && !inScope(actor, scope)) issues.push({ field: 'scopeCode', code: 'out_of_scope', message: `region ${scope} is outside your region ${actor.regionCode}` });
      if (seen.has(draft.creditCode) && !issues.length) issues.push({ field: 'creditCode', code: 'duplicate_in_file', message: `the credit code ${draft.creditCode} appears on an earlier row of the file` });
      if (issues.length) {
        reject(r, row, issues, EMPLOYER_FIELD_COLUMN);
        continue;
      }
      seen.add(draft.creditCode);
      scope = scope || regionCode!;
      ok.push({ row, fields: { ...draft, regionCode: regionCode!, scopeCode: scope } });
    }
    const existing = await employersRepository.byCreditCodes(db, ok.map((o) => o.fields.creditCode));
    const now = nowIso();
    const rows: unknown[][] = [];
    const touched: (string | undefined)[] = [];
    for (const { row, fields } of ok) {
      const before = existing.get(fields.creditCode);
      if (before && !inScope(actor, before.scopeCode)) {
        reject(r, row, [{ field: 'creditCode', code: 'credit_code_taken', message: 'an employer outside your region has this credit code' }], EMPLOYER_FIELD_COLUMN);
        continue;
      }
      r.accepted++;
      if (before && sameEmployer(fields, before)) {
        r.unchanged++;
        continue;
      }
      if (before) r.updated++;
      else r.created++;
      touched.push(fields.regionCode, before?.regionCode);
      const e = encodeEmployer(fields);
      rows.push([e.name, e.credit_code, e.region_code, e.scope_code, e.address, e.industry, e.is_sme, e.contact_name, e.contact_phone, e.operating_status, e.status_date, e.employees_total, e.poor_employees, e.is_workshop, e.workshop_recognized_on, before?.createdAt ?? now, now, (before?.version ?? 0) + 1]);
    }
    await bulkUpsert(app.database, EMPLOYER_BULK, rows);
    // The bulk writer has its own transaction; the figures of the batch's regions follow right after it.
    await inTransaction(app, async (trx) => noteRegionsChanged(trx, touched));
  }
  await writeAudit(db, actor, { action: 'employer.import', entity: 'employer', entityId: file.split(/[\\/]/).pop() ?? file, regionCode: actor.regionCode || null, after: { created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected } });
  return r;
}

/**
 * Imports postings keyed by (employer credit code, external posting number), with the post-type
 * rules applied exactly as on the API (minimum wage in force at the place on the start date).
 */
export async function importPostings(app: App, actor: Actor, file: string, opts: { batchSize?: number } = {}): Promise<ImportReport> {
  authorize(actor, 'posting.import');
  const r = emptyReport();
  const db = app.database.db;
  const regions: RegionCache = new Map();
  const ctxFor = await postingContextLoader(db);
  const occupationCodes = new Set((await db.selectFrom('occupations').select('code').execute()).map((o) => o.code));
  const employers = new Map<string, EmployerRecord | null>();
  const seen = new Set<string>();
  for await (const batch of readImportRows(file, POSTING_COLUMNS, opts.batchSize ?? 5000)) {
    const wanted = [...new Set(batch.map((b) => normalizeCreditCode(b.cells.employer_credit_code ?? '')))].filter((c) => !employers.has(c));
    const found = await employersRepository.byCreditCodes(db, wanted);
    for (const c of wanted) employers.set(c, found.get(c) ?? null);
    await preloadRegions(db, regions, [...batch.map((b) => b.cells.region_code ?? ''), ...[...employers.values()].map((e) => e?.regionCode ?? '')]);
    const ok: { row: number; fields: PostingFields }[] = [];
    for (const { row, cells } of batch) {
      const errs = new RowErrors();
      const code = normalizeCreditCode(cells.employer_credit_code ?? '');
      const employer = employers.get(code) ?? null;
      if (!employer) errs.add('employer_credit_code', 'employer_unknown', `no employer with credit code ${code} is registered; import the employers first`);
      else if (!inScope(actor, employer.scopeCode)) errs.add('employer_credit_code', 'out_of_scope', `the employer with credit code ${code} is outside your region`);
      const regionRaw = cells.region_code || employer?.regionCode || '';
      const regionCode = await region(db, regions, regionRaw);
      if (!regionCode) errs.add('region_code', 'region_unknown', `no region with code ${regionRaw} exists`);
      const payMin = fen(cells, 'pay_min_yuan', errs) ?? 0;
      const draft: PostingDraft = {
        title: cells.title ?? '', occupationCode: cells.occupation_code ?? '', postType: cells.post_type ? (POST_TYPE_ZH[cells.post_type] ?? cells.post_type) : 'regular',
        openings: int(cells, 'openings', errs, 0)!, filled: int(cells, 'filled', errs, 0)!, payMinFen: payMin, payMaxFen: fen(cells, 'pay_max_yuan', errs) ?? payMin,
        regionCode: regionCode ?? regionRaw, address: cells.address ?? '', startDate: parseDate(cells.start_date ?? '') ?? '', endDate: parseDate(cells.end_date ?? ''), hours: cells.hours ?? '',
        requirements: {
          ...(cells.age_min ? { ageMin: int(cells, 'age_min', errs, null) } : {}),
          ...(cells.age_max ? { ageMax: int(cells, 'age_max', errs, null) } : {}),
          skills: (cells.skills ?? '').split(/[;；,，、]/).map((s) => s.trim()).filter(Boolean),
          certificates: (cells.certificates ?? '').split(/[;；,，、]/).map((s) => s.trim()).filter(Boolean),
          healthCertificate: flag(cells, 'health_certificate', errs),
          ...(cells.requirements_other ? { other: cells.requirements_other } : {}),
        },
        board: flag(cells, 'board', errs), lodging: flag(cells, 'lodging', errs), weakLaborOk: flag(cells, 'weak_labor_ok', errs),
        status: cells.status ? (STATUS_ZH[cells.status] ?? cells.status) : 'open', accidentInsuranceFen: fen(cells, 'accident_insurance_yuan', errs), description: cells.description ?? '',
      };
      const issues = [...errs.list, ...checkPosting(draft, ctxFor(draft.regionCode, draft.startDate))];
      if (!issues.some((i) => i.field === 'occupationCode') && !occupationCodes.has(draft.occupationCode)) issues.push({ field: 'occupationCode', code: 'occupation_unknown', message: `no occupation with code ${draft.occupationCode} is in the catalog` });
      const key = `${code}\u0000${cells.external_no}`;
      if (!issues.length && seen.has(key)) issues.push({ field: 'external_no', code: 'duplicate_in_file', message: `posting ${cells.external_no} of this employer appears on an earlier row of the file` });
      if (issues.length) {
        reject(r, row, issues, POSTING_FIELD_COLUMN);
        continue;
      }
      seen.add(key);
      ok.push({ row, fields: { ...draft, employerId: employer!.id, externalNo: cells.external_no, scopeCode: employer!.scopeCode, accidentInsuranceFen: draft.accidentInsuranceFen ?? null } as PostingFields });
    }
    const existing = await postingsRepository.byExternalMany(db, ok.map((o) => ({ employerId: o.fields.employerId, externalNo: o.fields.externalNo! })));
    const now = nowIso();
    const rows: unknown[][] = [];
    const touched: (string | undefined)[] = [];
    for (const { fields } of ok) {
      const before = existing.get(`${fields.employerId}\u0000${fields.externalNo}`);
      r.accepted++;
      if (before && samePosting(fields, before)) {
        r.unchanged++;
        continue;
      }
      if (before) r.updated++;
      else r.created++;
      touched.push(fields.regionCode, before?.regionCode);
      const p = encodePosting(fields);
      rows.push([
        p.employer_id, p.external_no, p.title, p.occupation_code, p.post_type, p.openings, p.filled, p.pay_min_fen, p.pay_max_fen, p.region_code, p.province_code, p.city_code, p.county_code, p.town_code, p.scope_code,
        p.address, p.start_date, p.end_date, p.hours, p.requirements, p.board, p.lodging, p.weak_labor_ok, p.status, p.accident_insurance_fen, p.description, before?.createdAt ?? now, now, (before?.version ?? 0) + 1,
      ]);
    }
    await bulkUpsert(app.database, POSTING_BULK, rows);
    await inTransaction(app, async (trx) => noteRegionsChanged(trx, touched));
  }
  await writeAudit(db, actor, { action: 'posting.import', entity: 'posting', entityId: file.split(/[\\/]/).pop() ?? file, regionCode: actor.regionCode || null, after: { created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected } });
  return r;
}
