import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Actor } from '../../../domain/access/actor.ts';
import { authorize, may, scopeRegion } from '../../../domain/access/policy.ts';
import { DomainError } from '../../../domain/errors.ts';
import { formatSkills, type Skill } from '../../../domain/ledger/person.ts';
import {
  EDUCATION, EMPLOYMENT_STATUS, HOUSEHOLD_CATEGORY, LABOR_CAPACITY, LOCATION_SCOPE, MONITORED_SUBTYPE, RELATION, VERIFICATION_STATUS,
} from '../../../domain/ledger/vocabulary.ts';
import { builtinOccupation } from '../../../domain/occupations/catalog.ts';
import { toBool, toJson } from '../../../store/codec.ts';
import { writeAudit } from '../../audit/audit.ts';
import type { App } from '../../context.ts';
import { unseal } from '../../privacy/sealed.ts';
import { COL, COLUMN_COUNT, templateHeader } from '../import/template.ts';
import { inRegion } from '../../../store/region-prefix.ts';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportOptions {
  /** Region subtree to export (narrowed to the account's scope); empty = the whole scope. */
  region?: string;
  format: ExportFormat;
  /** Show ID numbers and phones in full: needs `person.reveal`, and is audited. */
  reveal?: boolean;
}

const PAGE = 5000;
const occupationName = (code: string) => builtinOccupation(code)?.zh ?? code;
const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Cells of one person in the template, with Chinese labels, as the import reads them back. */
function cellsOf(r: Record<string, any>, idNumber: string, phone: string): string[] {
  const c = new Array<string>(COLUMN_COUNT).fill('');
  c[COL.household_no] = r.household_no;
  c[COL.relation] = RELATION.label(r.relation, 'zh');
  c[COL.name] = r.name;
  c[COL.id_number] = idNumber;
  c[COL.phone] = phone;
  c[COL.village_code] = r.village_code;
  c[COL.household_category] = HOUSEHOLD_CATEGORY.label(r.category, 'zh');
  c[COL.monitored_subtype] = r.monitored_subtype ? MONITORED_SUBTYPE.label(r.monitored_subtype, 'zh') : '';
  c[COL.relocated] = toBool(r.relocated) ? '是' : '否';
  c[COL.education] = r.education ? EDUCATION.label(r.education, 'zh') : '';
  c[COL.labor_capacity] = LABOR_CAPACITY.label(r.labor_capacity, 'zh');
  const skills = toJson<Skill[]>(r.skills) ?? [];
  c[COL.skills] = formatSkills(skills.map((s) => ({ ...s, occupation: occupationName(s.occupation) })));
  c[COL.employment_status] = EMPLOYMENT_STATUS.label(r.employment_status, 'zh');
  c[COL.employer_name] = r.employer_name ?? '';
  c[COL.monthly_income] = r.monthly_income_yuan == null ? '' : String(r.monthly_income_yuan);
  c[COL.training_wish] = r.training_wish ? occupationName(r.training_wish) : '';
  c[COL.job_wish] = (toJson<string[]>(r.job_wish_types) ?? []).map(occupationName).join('、');
  c[COL.preferred_location] = r.preferred_scope ? LOCATION_SCOPE.label(r.preferred_scope, 'zh') : '';
  c[COL.min_monthly_pay] = r.min_monthly_pay_yuan == null ? '' : String(r.min_monthly_pay_yuan);
  c[COL.available_from] = r.available_from ?? '';
  // What the house-to-house check found, after the template: the import ignores these columns.
  c.push(VERIFICATION_STATUS.label(r.verification_status, 'zh'), r.verified_at ? String(r.verified_at).slice(0, 10) : '', r.verifier ?? '');
  return c;
}

/** Columns after the template that record the verification of each person. */
const VERIFICATION_HEADERS = ['核实状态', '核实日期', '核实人'];

/**
 * Writes the ledger of a region as the standard template (Chinese headers), household by
 * household, reading the database a page at a time and writing as it reads, so an export of a
 * province takes no more memory than one of a village. ID numbers and phones are masked unless
 * revealed; a revealing export is recorded in the audit trail, with how many people it holds, before
 * it starts.
 */
export async function exportLedger(app: App, actor: Actor, o: ExportOptions, out: Writable): Promise<{ rows: number }> {
  authorize(actor, 'ledger.export');
  if (o.region && !/^\d{2,12}$/.test(o.region)) {
    throw DomainError.invalid([{ field: 'region', code: 'region_code_format', message: 'must be a region code of 2 to 12 digits', messageZh: '区划代码应为2至12位数字' }]);
  }
  const scope = scopeRegion(actor, o.region);
  if (o.reveal && !may(actor, 'person.reveal', { regionCode: scope || null })) throw DomainError.forbidden(`The role ${actor.role} may not see ID numbers and phones in full`);

  const db = app.database.db;
  if (o.reveal) {
    // Recorded before the first full number leaves, with how many people the export holds.
    const n = await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is', null).$if(scope !== '', (q) => q.where((eb) => inRegion(eb, 'village_code', scope))).executeTakeFirstOrThrow();
    await writeAudit(db, actor, { action: 'ledger.export_reveal', entity: 'ledger_export', entityId: scope || 'all', regionCode: scope || null, before: null, after: { rows: Number(n.n), format: o.format, revealed: ['idNumber', 'phone'] } });
  }
  const write = await sink(o.format, out);
  write([...templateHeader(), ...VERIFICATION_HEADERS]);
  let rows = 0;
  let after: { hid: number; id: number } | undefined;
  for (;;) {
    const page = await db
      .selectFrom('persons as p')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .leftJoin('users as u', 'u.id', 'p.verified_by')
      .select([
        'p.verification_status', 'p.verified_at', 'u.username as verifier',
        'p.id', 'p.household_id', 'h.household_no', 'h.category', 'h.monitored_subtype', 'h.relocated', 'p.village_code', 'p.relation', 'p.name',
        'p.id_enc', 'p.id_masked', 'p.phone_enc', 'p.phone_masked', 'p.education', 'p.labor_capacity', 'p.skills', 'p.employment_status', 'p.employer_name',
        'p.monthly_income_yuan', 'p.training_wish', 'p.job_wish_types', 'p.available_from', 'p.preferred_scope', 'p.min_monthly_pay_yuan',
      ])
      .where('p.deleted_at', 'is', null)
      .$if(scope !== '', (q) => q.where((eb) => inRegion(eb, 'p.village_code', scope)))
      .$if(after !== undefined, (q) => q.where(sql<boolean>`(p.household_id > ${after!.hid} or (p.household_id = ${after!.hid} and p.id > ${after!.id}))`))
      .orderBy('p.household_id')
      .orderBy('p.id')
      .limit(PAGE)
      .execute();
    for (const r of page) {
      const id = o.reveal ? unseal(app.secrets.key, r.id_enc) : r.id_masked;
      const phone = r.phone_enc ? (o.reveal ? unseal(app.secrets.key, r.phone_enc) : (r.phone_masked ?? '')) : '';
      write(cellsOf(r, id, phone));
    }
    rows += page.length;
    if (page.length < PAGE) break;
    const last = page[page.length - 1];
    after = { hid: Number(last.household_id), id: Number(last.id) };
    await write.drain();
  }
  await write.end();
  return { rows };
}

type Sink = ((cells: string[]) => void) & { drain(): Promise<void>; end(): Promise<void> };

async function sink(format: ExportFormat, out: Writable): Promise<Sink> {
  if (format === 'xlsx') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('劳动力台账');
    const f = ((cells: string[]) => ws.addRow(cells).commit()) as Sink;
    f.drain = () => waitDrain(out);
    f.end = async () => {
      ws.commit();
      await wb.commit();
    };
    return f;
  }
  // A BOM so that Excel opens the UTF-8 file with the right characters.
  let buf = '\uFEFF';
  const f = ((cells: string[]) => {
    buf += `${cells.map(esc).join(',')}\r\n`;
    if (buf.length > 1 << 16) {
      out.write(buf);
      buf = '';
    }
  }) as Sink;
  f.drain = () => waitDrain(out);
  f.end = async () => {
    await new Promise<void>((resolve, reject) => out.end(buf, (e?: Error | null) => (e ? reject(e) : resolve())));
  };
  return f;
}

function waitDrain(out: Writable): Promise<void> {
  return out.writableNeedDrain ? new Promise((r) => out.once('drain', () => r())) : Promise.resolve();
}
