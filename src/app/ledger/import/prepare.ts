import { maskIdNumber } from '../../../domain/ledger/id-number.ts';
import type { HouseholdData } from '../../../domain/ledger/household.ts';
import { maskPhone } from '../../../domain/ledger/phone.ts';
import { PERSON_BULK_COLUMNS } from '../../../store/ledger-bulk/types.ts';
import type { Secrets } from '../../secrets.ts';
import { generateDemoRows } from '../demo/generate.ts';
import { idNumberHash, phoneHash } from '../person-record.ts';
import { fastBatchSealer, fastContentHash } from './fast-crypto.ts';
import { HouseholdIndex } from './household-index.ts';
import { BatchPacker, BatchReader, type PackedBatch } from './packed-batch.ts';
import { openLedgerFile, type SheetRow } from './read-rows.ts';
import { COL, TEMPLATE_COLUMNS, type ColumnKey, type HeaderMap } from './template.ts';
import { createRowValidator } from './validate-row.ts';

/** Where the rows come from: a file of the template, or the demo generator. */
export type ImportSource =
  | { kind: 'file'; path: string; fileName: string }
  | { kind: 'demo'; county: string; countyName?: string; households: number; seed: number; villages: string[] };

export interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
  messageZh: string;
  /** The row's cells in template order (for the error report); on the row's first error only. */
  cells?: string[];
}

/**
 * Valid rows of one batch, column-wise, as the writer takes them (they cross between the threads
 * packed: `unpackBatch`). Person values are in PERSON_BULK_COLUMNS order, ID number and phone
 * already sealed, with only `household_id` left for the writer to fill. Plain ID numbers and phones
 * never leave the preparing thread.
 */
export interface PreparedBatch {
  rowNo: number[];
  householdNo: string[];
  villageCode: string[];
  category: string[];
  subtype: (string | null)[];
  relocated: boolean[];
  person: unknown[][];
  idHash: string[];
  rowHash: string[];
}

export type PrepareEvent =
  | { type: 'header'; zh: boolean; names: string[]; ignored: string[] }
  | { type: 'batch'; batch: PackedBatch; errors: RowError[]; rowsRead: number; bytesRead: number }
  | { type: 'end'; errors: RowError[]; rowsRead: number; bytesRead: number };

export interface PrepareOptions {
  secrets: Secrets;
  /** Village codes that may be written to (loaded regions within the importing account's scope). */
  villages: ReadonlySet<string>;
  /** The importing account's region; rows of villages outside it are `out_of_scope`. */
  scope: string;
  today: string;
  batchSize: number;
  /** Buffers of batches already written, given back to pack the next batches into. */
  spareBuffers?: ArrayBuffer[];
}

/** A set of ID numbers as numbers (region, birth day, sequence): ~16 bytes an entry instead of a string. */
class IdSet {
  private table = new Float64Array(1 << 16);
  private size = 0;
  /** Adds; returns false when already present. */
  add(id: string): boolean {
    const day = Date.UTC(+id.slice(6, 10), +id.slice(10, 12) - 1, +id.slice(12, 14)) / 86_400_000 + 40_000;
    const key = (Number(id.slice(0, 6)) * 131_072 + day) * 1000 + Number(id.slice(14, 17)) + 1;
    if (this.size * 2 >= this.table.length) this.grow();
    const mask = this.table.length - 1;
    let i = (Math.imul(key | 0, 0x9e3779b1) ^ Math.floor(key / 4294967296)) & mask;
    for (;;) {
      const v = this.table[i];
      if (v === 0) {
        this.table[i] = key;
        this.size++;
        return true;
      }
      if (v === key) return false;
      i = (i + 1) & mask;
    }
  }
  private grow() {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.size = 0;
    const mask = this.table.length - 1;
    for (const key of old) {
      if (key === 0) continue;
      let i = (Math.imul(key | 0, 0x9e3779b1) ^ Math.floor(key / 4294967296)) & mask;
      while (this.table[i] !== 0) i = (i + 1) & mask;
      this.table[i] = key;
      this.size++;
    }
  }
}

const P_ID_ENC = PERSON_BULK_COLUMNS.indexOf('id_enc');
const P_PHONE_ENC = PERSON_BULK_COLUMNS.indexOf('phone_enc');

/** A packed row: these fields of the batch, then the person's values in PERSON_BULK_COLUMNS order; the sealed ID numbers and phones follow the rows. */
const ROW_HEAD = ['rowNo', 'householdNo', 'villageCode', 'category', 'subtype', 'relocated', 'idHash', 'rowHash'] as const satisfies readonly (keyof PreparedBatch)[];
const ROW_WIDTH = ROW_HEAD.length + PERSON_BULK_COLUMNS.length;

/** The batch as the writer takes it, read back from its packed form. */
export function unpackBatch(p: PackedBatch): PreparedBatch {
  const b: PreparedBatch = { rowNo: [], householdNo: [], villageCode: [], category: [], subtype: [], relocated: [], person: [], idHash: [], rowHash: [] };
  if (p.width !== ROW_WIDTH) throw new Error(`packed batch: rows of ${p.width} values, expected ${ROW_WIDTH}`);
  const r = new BatchReader(p);
  const width = PERSON_BULK_COLUMNS.length;
  for (let i = 0; i < p.rows; i++) {
    for (const k of ROW_HEAD) (b[k] as unknown[]).push(r.next());
    const person = new Array<unknown>(width);
    for (let c = 0; c < width; c++) person[c] = r.next();
    b.person.push(person);
  }
  for (let i = 0; i < p.rows; i++) b.person[i][P_ID_ENC] = r.next();
  for (let i = 0; i < p.rows; i++) b.person[i][P_PHONE_ENC] = r.next();
  if (!r.done) throw new Error('packed batch: values left over');
  return b;
}

async function* demoRows(source: Extract<ImportSource, { kind: 'demo' }>): AsyncGenerator<SheetRow[]> {
  let row = 1;
  let out: SheetRow[] = [];
  for (const cells of generateDemoRows({ villages: source.villages, county: source.county, countyName: source.countyName, households: source.households, seed: source.seed })) {
    out.push({ row: ++row, cells });
    if (out.length >= 2000) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}

/**
 * Reads, validates and fingerprints rows, and cuts them into batches at household boundaries (so
 * that a household's members usually commit together). Rules that span rows are checked here over
 * the whole file: one ID number once, and one household's rows agreeing on village, category and
 * relocation. Memory stays bounded: the batch in hand, the set of ID numbers seen, and one short
 * entry per household.
 */
export async function* prepareLedgerBatches(source: ImportSource, o: PrepareOptions): AsyncGenerator<PrepareEvent> {
  const file = source.kind === 'file' ? openLedgerFile(source.path, source.fileName) : undefined;
  let names: string[] = TEMPLATE_COLUMNS.map((c) => c.zh);
  const rows = file ? file.rows() : demoRows(source as Extract<ImportSource, { kind: 'demo' }>);
  const iterator = rows[Symbol.asyncIterator]();
  // The header is known once the first chunk has been read.
  let first = await iterator.next();
  if (file) {
    const h: HeaderMap = await file.header();
    names = h.names;
    yield { type: 'header', zh: h.zh, names: h.names, ignored: h.ignored };
  } else yield { type: 'header', zh: true, names, ignored: [] };

  const validate = createRowValidator(o.today);
  const seal = fastBatchSealer(o.secrets.key);
  const seenIds = new IdSet();
  // Household number → index of its (village, category, subtype, relocation) in `householdKinds`:
  // a small number per household rather than a string, kept compactly, for ledgers of millions of rows.
  const households = new HouseholdIndex();
  const householdKinds: string[] = [];
  const kindIndex = new Map<string, number>();
  const colName = (k: ColumnKey) => names[COL[k]];

  const packer = new BatchPacker(ROW_WIDTH, undefined, o.spareBuffers);
  let lastHouseholdNo = '';
  let idNumbers: string[] = [];
  let phones: (string | null)[] = [];
  /** Seals the batch's ID numbers and phones in one pass each, just before it leaves. */
  const sealed = (): PackedBatch => {
    for (const v of seal(idNumbers)) packer.put(v);
    for (const v of seal(phones)) packer.put(v);
    idNumbers = [];
    phones = [];
    return packer.take();
  };
  let errors: RowError[] = [];
  let rowsRead = 0;
  const bytes = () => (file ? file.bytesRead() : 0);
  let current: string[] | undefined;
  let lastHousehold: HouseholdData | undefined;
  let lastKind = -1;
  const reject = (row: number, column: ColumnKey, code: string, message: string, messageZh: string) => {
    errors.push({ row, column: colName(column), code, message, messageZh, cells: current });
    current = undefined;
  };

  for (; !first.done; first = await iterator.next()) {
    for (const { row, cells } of first.value) {
      rowsRead++;
      current = cells;
      const householdNo = cells[COL.household_no].trim();
      if (packer.rows >= o.batchSize && (householdNo !== lastHouseholdNo || packer.rows >= o.batchSize * 1.5)) {
        yield { type: 'batch', batch: sealed(), errors, rowsRead: rowsRead - 1, bytesRead: bytes() };
        errors = [];
      }
      const r = validate(cells);
      if (!r.ok) {
        for (const i of r.issues) reject(row, i.column, i.code, i.message, i.messageZh);
        continue;
      }
      const { household: h, person: p } = r;
      const village = h.villageCode;
      // Rows of a household follow one another and share its validated value: checked once.
      if (h !== lastHousehold) {
        if (!village.startsWith(o.scope)) {
          reject(row, 'village_code', 'out_of_scope', `village ${village} is outside your region ${o.scope}`, `村代码${village}不在您的管辖范围（${o.scope}）内`);
          continue;
        }
        if (!o.villages.has(village)) {
          reject(row, 'village_code', 'village_unknown', `no village with code ${village} is loaded`, `村代码${village}不存在（未在已加载的行政区划中）`);
          continue;
        }
        const hKey = `${village}|${h.category}|${h.monitoredSubtype ?? ''}|${h.relocated ? 1 : 0}`;
        let k = kindIndex.get(hKey);
        if (k === undefined) {
          k = householdKinds.push(hKey) - 1;
          kindIndex.set(hKey, k);
        }
        lastHousehold = h;
        lastKind = k;
      }
      const kind = lastKind;
      const known = households.get(h.householdNo);
      if (known === undefined) households.set(h.householdNo, kind);
      else if (known !== kind) {
        const [kv, kc, ks, kr] = householdKinds[known].split('|');
        if (kv !== village) reject(row, 'village_code', 'household_village_mismatch', `household ${h.householdNo} was given village ${kv} on an earlier row`, `户${h.householdNo}在前面的行中村代码为${kv}，同户成员应一致`);
        else if (kc !== h.category || ks !== (h.monitoredSubtype ?? '')) reject(row, 'household_category', 'household_category_mismatch', `household ${h.householdNo} was given category ${kc}${ks ? ` (${ks})` : ''} on an earlier row`, `户${h.householdNo}在前面的行中户类别不同，同户成员应一致`);
        else if (kr !== (h.relocated ? '1' : '0')) reject(row, 'relocated', 'household_relocated_mismatch', `household ${h.householdNo} was given a different relocation flag on an earlier row`, `户${h.householdNo}在前面的行中易地搬迁标记不同，同户成员应一致`);
        continue;
      }
      if (!seenIds.add(p.idNumber)) {
        reject(row, 'id_number', 'id_number_duplicate', 'appears on an earlier row of this file', '身份证号在本文件前面的行中已出现');
        continue;
      }
      lastHouseholdNo = h.householdNo;
      idNumbers.push(p.idNumber);
      phones.push(p.phone);
      const idHash = idNumberHash(o.secrets, p.idNumber);
      const rowHash = fastContentHash(JSON.stringify([p, h]));
      packer.row([
        row, h.householdNo, village, h.category, h.monitoredSubtype, h.relocated, idHash, rowHash,
        // PERSON_BULK_COLUMNS, with the household's id left to the writer and the sealed values to `sealed`.
        null, village, p.relation, p.name, p.gender, p.birthDate,
        null, idHash, maskIdNumber(p.idNumber), null, p.phone ? phoneHash(o.secrets, p.phone) : null, p.phone ? maskPhone(p.phone) : null,
        p.education, p.laborCapacity, JSON.stringify(p.skills), p.employmentStatus, p.employerName, p.monthlyIncome,
        p.trainingWish, JSON.stringify(p.jobWishTypes), p.availableFrom, p.preferredScope, p.minMonthlyPay, rowHash,
      ]);
    }
  }
  if (packer.rows || errors.length) yield { type: 'batch', batch: sealed(), errors, rowsRead, bytesRead: bytes() };
  yield { type: 'end', errors: [], rowsRead, bytesRead: bytes() };
}
