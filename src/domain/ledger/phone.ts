const PLAIN_MOBILE = /^1[3-9]\d{9}$/;

/** Mainland mobile numbers: 11 digits starting 13–19, optionally written with +86 / 0086 / 86. */
export function parsePhone(raw: string | null | undefined): { ok: true; value: string | null } | { ok: false; error: 'phone_format' } {
  // Almost every number is already written as 11 plain digits.
  if (raw && raw.length === 11 && PLAIN_MOBILE.test(raw)) return { ok: true, value: raw };
  const s = (raw ?? '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-()（）]/g, '');
  if (s === '') return { ok: true, value: null };
  const m = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(s);
  return m ? { ok: true, value: m[1] } : { ok: false, error: 'phone_format' };
}

export const PHONE_MESSAGE = { en: 'must be empty or an 11-digit mainland mobile number (13–19…, optional +86)', zh: '手机号应为空或11位大陆手机号（可带+86）' };

/** 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '*'.repeat(phone.length);
}
