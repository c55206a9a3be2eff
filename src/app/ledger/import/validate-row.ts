import { ownString } from './own-string.ts';
import type { FieldIssue } from '../../../domain/errors.ts';
import { validateHousehold, type HouseholdData } from '../../../domain/ledger/household.ts';
import { ID_NUMBER_MESSAGES, parseIdNumber } from '../../../domain/ledger/id-number.ts';
import { builtinResolver, PERSON_FIELD_RULES, type PersonData, type PersonFieldOnItsOwn } from '../../../domain/ledger/person.ts';
import { parsePhone, PHONE_MESSAGE } from '../../../domain/ledger/phone.ts';
import { COL, type ColumnKey } from './template.ts';

export interface RowIssue {
  column: ColumnKey;
  code: string;
  message: string;
  messageZh: string;
}

export type RowResult = { ok: true; household: HouseholdData; person: PersonData } | { ok: false; issues: RowIssue[] };

/** Person fields read from the template, with the column each comes from. */
const PERSON_FIELDS: [PersonFieldOnItsOwn, ColumnKey][] = [
  ['relation', 'relation'],
  ['name', 'name'],
  ['education', 'education'],
  ['laborCapacity', 'labor_capacity'],
  ['skills', 'skills'],
  ['employmentStatus', 'employment_status'],
  ['employerName', 'employer_name'],
  ['monthlyIncome', 'monthly_income'],
  ['trainingWish', 'training_wish'],
  ['jobWishTypes', 'job_wish'],
  ['preferredScope', 'preferred_location'],
  ['minMonthlyPay', 'min_monthly_pay'],
  ['availableFrom', 'available_from'],
];

/** Household fields read from the template, with the column each comes from. */
const HOUSEHOLD_COLUMN: Record<string, ColumnKey> = {
  householdNo: 'household_no',
  villageCode: 'village_code',
  category: 'household_category',
  monitoredSubtype: 'monitored_subtype',
  relocated: 'relocated',
};
const HOUSEHOLD_FIELDS = Object.entries(HOUSEHOLD_COLUMN).map(([f, col]) => [f, COL[col]] as const);

/** Person fields whose verdict is not remembered: names seldom repeat, and remembered, each was only copied into a memo cleared every few thousand rows. */
const UNREMEMBERED = new Set<PersonFieldOnItsOwn>(['name']);

const toRowIssue = (column: ColumnKey, i: FieldIssue): RowIssue => ({ column, code: i.code, message: i.message, messageZh: i.messageZh ?? i.message });

/**
 * Bounded memo: spreadsheets repeat the same labels, lists and dates row after row. The few texts
 * that repeat are found again within a few thousand entries; the many that do not (names, skill
 * lists) only fill the memo. At 50,000 entries a field the reader thread held ~30 MB more and a
 * 10^6-row import was slower (104 s against 96 s at 5,000).
 */
class Memo<V> {
  private map = new Map<string, V>();
  constructor(private limit = 5_000) {}
  get(k: string, make: (key: string) => V): V {
    let v = this.map.get(k);
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      // Kept across rows: a copy, so neither the key nor a value cut from it holds the reader's chunk.
      const own = ownString(k);
      v = make(own);
      this.map.set(own, v);
    }
    return v;
  }
}

/**
 * Validates template rows by the domain rules, fast. Each person field is checked on its own by the
 * rule `validatePerson` applies to it (the fields do not depend on one another apart from the ID
 * number, which is checked here for every row) and the verdict for a cell text is remembered, so a
 * million rows cost a few thousand rule evaluations plus the per-row name, ID number and phone. The
 * assembled value is the one `validatePerson` returns for the whole row (a test holds the two equal).
 */
export function createRowValidator(today: string) {
  const memos = new Map(PERSON_FIELDS.filter(([f]) => !UNREMEMBERED.has(f)).map(([f]) => [f, new Memo<{ value: unknown; issues: FieldIssue[] }>()]));

  const check = (f: PersonFieldOnItsOwn, text: string) => {
    const issues: FieldIssue[] = [];
    const value = PERSON_FIELD_RULES[f](issues, text, builtinResolver);
    return issues.length ? { value: null, issues } : { value, issues };
  };
  const field = (f: PersonFieldOnItsOwn, text: string) => memos.get(f)?.get(text, (own) => check(f, own)) ?? check(f, text);

  // The household's cells of the row before: a household's rows follow one another, and are validated once.
  let lastCells: readonly string[] | undefined;
  let lastHousehold: ReturnType<typeof validateHousehold> | undefined;

  /** `cells` in canonical column order (absent columns as ''). */
  return function validateRow(cells: readonly string[]): RowResult {
    const issues: RowIssue[] = [];

    if (!lastCells || HOUSEHOLD_FIELDS.some(([, c]) => cells[c] !== lastCells![c])) {
      lastCells = cells;
      lastHousehold = validateHousehold(Object.fromEntries(HOUSEHOLD_FIELDS.map(([f, c]) => [f, cells[c]])));
    }
    const h = lastHousehold!;
    if (!h.ok) for (const i of h.issues) issues.push(toRowIssue(HOUSEHOLD_COLUMN[i.field] ?? 'household_no', i));

    const values: Record<string, unknown> = {};
    for (const [f, col] of PERSON_FIELDS) {
      const r = field(f, cells[COL[col]]);
      if (r.issues.length) for (const i of r.issues) issues.push(toRowIssue(col, i));
      else values[f] = r.value;
    }
    const id = parseIdNumber(cells[COL.id_number], today);
    if (!id.ok) issues.push({ column: 'id_number', code: id.error, message: ID_NUMBER_MESSAGES[id.error].en, messageZh: ID_NUMBER_MESSAGES[id.error].zh });
    const phone = parsePhone(cells[COL.phone]);
    if (!phone.ok) issues.push({ column: 'phone', code: 'phone_format', message: PHONE_MESSAGE.en, messageZh: PHONE_MESSAGE.zh });

    if (issues.length || !id.ok || !phone.ok || !h.ok) return { ok: false, issues };
    // Same keys in the same order as validatePerson's value, so content hashes agree.
    const person: PersonData = {
      relation: values.relation as PersonData['relation'],
      name: values.name as string,
      idNumber: id.info.value,
      gender: id.info.gender,
      birthDate: id.info.birthDate,
      phone: phone.value,
      education: values.education as PersonData['education'],
      laborCapacity: values.laborCapacity as PersonData['laborCapacity'],
      skills: values.skills as PersonData['skills'],
      employmentStatus: values.employmentStatus as PersonData['employmentStatus'],
      employerName: values.employerName as string | null,
      monthlyIncome: values.monthlyIncome as number | null,
      trainingWish: values.trainingWish as string | null,
      jobWishTypes: values.jobWishTypes as string[],
      availableFrom: values.availableFrom as string | null,
      preferredScope: values.preferredScope as PersonData['preferredScope'],
      minMonthlyPay: values.minMonthlyPay as number | null,
    };
    return { ok: true, household: h.value, person };
  };
}
