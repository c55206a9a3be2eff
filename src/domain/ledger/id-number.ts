/**
 * Resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
 * (odd = male), and a check character by ISO 7064 MOD 11-2 ('X' for 10).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Province-level prefixes in use (mainland 11–65, plus 71 Taiwan, 81 Hong Kong, 82 Macao). */
export const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

export type IdNumberError = 'id_number_required' | 'id_number_format' | 'id_number_province' | 'id_number_birth_date' | 'id_number_future_birth' | 'id_number_checksum';

export interface IdNumberInfo {
  /** The normalized 18-character number. */
  value: string;
  birthDate: string;
  gender: 'male' | 'female';
  regionPrefix: string;
}

export const ID_NUMBER_MESSAGES: Record<IdNumberError, { en: string; zh: string }> = {
  id_number_required: { en: 'is required', zh: '身份证号不能为空' },
  id_number_format: { en: 'must be 18 characters (17 digits and a digit or X), or a 15-digit legacy number', zh: '身份证号应为18位（17位数字加一位数字或X），或15位旧号码' },
  id_number_province: { en: 'does not start with a known province code', zh: '身份证号的前两位不是有效的省级代码' },
  id_number_birth_date: { en: 'does not contain a real birth date', zh: '身份证号中的出生日期无效' },
  id_number_future_birth: { en: 'has a birth date in the future', zh: '身份证号中的出生日期晚于今天' },
  id_number_checksum: { en: 'has a wrong check character (GB 11643, ISO 7064 MOD 11-2)', zh: '身份证号校验位错误' },
};

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

const NORMAL_ID = /^\d{17}[\dX]$/;

/** Trims, turns full-width digits and letters into ASCII, drops inner spaces, and upper-cases x. */
export function normalizeIdText(raw: string): string {
  // Almost every number is already written so: nothing to replace.
  if (raw.length === 18 && NORMAL_ID.test(raw)) return raw;
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

function realDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Checks and normalizes an ID number; `today` (YYYY-MM-DD) bounds the birth date. */
export function parseIdNumber(raw: string | null | undefined, today: string = new Date().toISOString().slice(0, 10)): { ok: true; info: IdNumberInfo } | { ok: false; error: IdNumberError } {
  const s = normalizeIdText(raw ?? '');
  if (!s) return { ok: false, error: 'id_number_required' };
  let id: string;
  if (/^\d{15}$/.test(s)) {
    // Legacy numbers have a 2-digit year of the 1900s and no check character.
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    id = first17 + idCheckChar(first17);
  } else if (NORMAL_ID.test(s)) id = s;
  else return { ok: false, error: 'id_number_format' };
  if (!PROVINCE_PREFIXES.has(id.slice(0, 2))) return { ok: false, error: 'id_number_province' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || !realDate(y, m, d)) return { ok: false, error: 'id_number_birth_date' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > today) return { ok: false, error: 'id_number_future_birth' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, error: 'id_number_checksum' };
  return { ok: true, info: { value: id, birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female', regionPrefix: id.slice(0, 6) } };
}

/** Shows the region part and the last four characters only: 140225********1234. */
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** Builds a valid ID number from region code, birth date (YYYY-MM-DD) and a 3-digit sequence (odd = male). */
export function makeIdNumber(region6: string, birthDate: string, sequence: number): string {
  const first17 = `${region6}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** Age in whole years on a date. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
