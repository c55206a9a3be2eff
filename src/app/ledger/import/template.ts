import { DomainError } from '../../../domain/errors.ts';

/**
 * The standard ledger template: one row per person, with Chinese or English headers in any order.
 * `监测类型 monitored_subtype` is not among the county template's columns but a monitored household
 * cannot be recorded without it, so it is accepted (and exported) beside them.
 */
export const TEMPLATE_COLUMNS = [
  { key: 'household_no', zh: '户编号', required: true, aliases: ['户号', 'household number'] },
  { key: 'relation', zh: '与户主关系', required: true, aliases: ['关系'] },
  { key: 'name', zh: '姓名', required: true, aliases: [] },
  { key: 'id_number', zh: '身份证号', required: true, aliases: ['身份证号码', '证件号码', 'id number'] },
  { key: 'phone', zh: '联系电话', required: false, aliases: ['手机号', '手机号码', '电话'] },
  { key: 'village_code', zh: '村代码', required: true, aliases: ['村级代码', '行政区划代码'] },
  { key: 'household_category', zh: '户类别', required: true, aliases: ['户类型', '贫困户类别', 'category'] },
  { key: 'monitored_subtype', zh: '监测类型', required: false, aliases: ['监测对象类型', '监测户类型'] },
  { key: 'relocated', zh: '易地搬迁', required: false, aliases: ['是否易地搬迁', '易地扶贫搬迁'] },
  { key: 'education', zh: '文化程度', required: false, aliases: ['学历'] },
  { key: 'labor_capacity', zh: '劳动能力', required: true, aliases: ['劳动力类型'] },
  { key: 'skills', zh: '技能', required: false, aliases: ['技能情况', '职业技能'] },
  { key: 'employment_status', zh: '就业状态', required: true, aliases: ['就业情况', '务工状态'] },
  { key: 'employer_name', zh: '务工单位', required: false, aliases: ['就业单位', '工作单位'] },
  { key: 'monthly_income', zh: '月收入', required: false, aliases: ['月收入（元）', '月收入(元)'] },
  { key: 'training_wish', zh: '培训意愿', required: false, aliases: [] },
  { key: 'job_wish', zh: '就业意愿', required: false, aliases: ['意向工种', '就业意向'] },
  { key: 'preferred_location', zh: '期望地点', required: false, aliases: ['期望就业地点', '意向地点'] },
  { key: 'min_monthly_pay', zh: '期望月薪', required: false, aliases: ['期望月薪（元）', '期望月薪(元)', '最低月薪'] },
  { key: 'available_from', zh: '可到岗时间', required: false, aliases: ['到岗时间', '可到岗日期'] },
] as const;

export type ColumnKey = (typeof TEMPLATE_COLUMNS)[number]['key'];
export const COLUMN_KEYS: ColumnKey[] = TEMPLATE_COLUMNS.map((c) => c.key);
export const COLUMN_COUNT = TEMPLATE_COLUMNS.length;
/** Position of each column in canonical order (the order the export writes). */
export const COL = Object.fromEntries(TEMPLATE_COLUMNS.map((c, i) => [c.key, i])) as Record<ColumnKey, number>;

const lookup = new Map<string, number>();
for (const [i, c] of TEMPLATE_COLUMNS.entries()) {
  for (const name of [c.key, c.zh, ...c.aliases]) lookup.set(normalizeHeader(name), i);
}

/** Header cells differ in case, spaces, full-width brackets, a leading `*` for required columns. */
function normalizeHeader(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .replace(/[*＊\s\u3000]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

/** How the columns of one file map onto the template. */
export interface HeaderMap {
  /** For each template column (canonical order), its index in the file's rows, or -1. */
  index: Int32Array;
  /** The header as written in the file, per template column; the template name when the column is absent. */
  names: string[];
  /** Whether the headers are Chinese (the error report then speaks Chinese first). */
  zh: boolean;
  /** Headers the template does not know; their cells are ignored. */
  ignored: string[];
}

/** Maps a header row onto the template; a file that lacks a required column cannot be imported. */
export function mapHeader(cells: readonly string[]): HeaderMap {
  const index = new Int32Array(COLUMN_COUNT).fill(-1);
  const names: string[] = new Array(COLUMN_COUNT);
  const ignored: string[] = [];
  let zhCount = 0;
  for (let i = 0; i < cells.length; i++) {
    const raw = String(cells[i] ?? '').trim();
    if (!raw) continue;
    const col = lookup.get(normalizeHeader(raw));
    if (col === undefined) {
      ignored.push(raw);
      continue;
    }
    if (index[col] !== -1) {
      throw new DomainError('header_duplicate', `The column ${raw} appears twice in the header row`, { details: { column: raw } });
    }
    index[col] = i;
    names[col] = raw;
    if (/[\u4e00-\u9fff]/.test(raw)) zhCount++;
  }
  const mapped = index.filter((x) => x >= 0).length;
  const zh = zhCount * 2 >= mapped;
  const missing: string[] = [];
  for (const [i, c] of TEMPLATE_COLUMNS.entries()) {
    if (index[i] === -1) {
      names[i] = zh ? c.zh : c.key;
      if (c.required) missing.push(`${c.zh} ${c.key}`);
    }
  }
  if (missing.length) {
    throw new DomainError('missing_columns', `The header row lacks required column(s): ${missing.join(', ')}`, { details: { missing } });
  }
  return { index, names, zh, ignored };
}

/** The header row of an export: Chinese template names. */
export function templateHeader(): string[] {
  return TEMPLATE_COLUMNS.map((c) => c.zh);
}
