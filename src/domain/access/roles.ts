/** Account roles, as the identifiers the API and CLI accept. */
export const ROLES = [
  'admin',
  'province_officer',
  'city_officer',
  'county_officer',
  'town_commissioner',
  'village_commissioner',
  'field_verifier',
  'employer',
  'trainer',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  province_officer: { zh: '省级人社人员', en: 'Province officer' },
  city_officer: { zh: '市级人社人员', en: 'City officer' },
  county_officer: { zh: '县级人社人员', en: 'County officer' },
  town_commissioner: { zh: '乡镇劳务专员', en: 'Township labor commissioner' },
  village_commissioner: { zh: '村劳务专员', en: 'Village labor commissioner' },
  field_verifier: { zh: '入户核查员', en: 'Field verifier' },
  employer: { zh: '用人单位', en: 'Employer' },
  trainer: { zh: '培训机构', en: 'Training provider' },
  viewer: { zh: '只读用户', en: 'Viewer' },
};

/** The region depth (1 province … 5 village) a role's scope must have; null when any depth will do. */
export const ROLE_SCOPE_DEPTH: Record<Role, number | null> = {
  admin: null,
  province_officer: 1,
  city_officer: 2,
  county_officer: 3,
  town_commissioner: 4,
  village_commissioner: 5,
  field_verifier: null,
  employer: null,
  trainer: null,
  viewer: null,
};

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
