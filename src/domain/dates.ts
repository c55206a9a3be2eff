/** Whether a text is a real calendar date written YYYY-MM-DD: 2020-02-29 is, 2021-02-29 and 2020-2-1 are not. */
export function isIsoDate(s: string | null | undefined): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in China, where hires, trips and other steps are dated: just after midnight there it is still yesterday in UTC. */
export function chinaToday(now: Date = new Date()): string {
  return CHINA_DAY.format(now);
}
