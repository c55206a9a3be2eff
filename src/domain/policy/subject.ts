import type { SubjectKind } from './rule.ts';

/**
 * What a claim is for, as its subject id names it:
 * - `hire`: the referral id of the hire (the referral that was hired);
 * - `trip`: `TRIP:PERSON`, a person's seat on an organised trip (as trip arrival files it);
 * - `post-month`: `PERSON:YYYY-MM`, a person on a public-welfare post for one month;
 * - `course-completion`: the enrollment id of a person in a training course.
 */
export type SubjectRef =
  | { kind: 'hire'; referralId: number }
  | { kind: 'trip'; tripId: number; personId: number }
  | { kind: 'post-month'; personId: number; month: string; monthStart: string; monthEnd: string }
  | { kind: 'course-completion'; enrollmentId: number };

/** How each kind of subject id is written, for messages. */
export const SUBJECT_FORMATS: Record<SubjectKind, string> = {
  hire: 'the referral id of the hire, e.g. 42',
  trip: 'TRIP:PERSON, e.g. 7:1024',
  'post-month': 'PERSON:YYYY-MM, e.g. 1024:2020-04',
  'course-completion': 'the enrollment id, e.g. 15',
};

const ID = /^[1-9][0-9]{0,14}$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Reads a subject id of a kind; undefined when it is not written the way that kind is. */
export function parseSubject(kind: SubjectKind, id: string): SubjectRef | undefined {
  switch (kind) {
    case 'hire':
      return ID.test(id) ? { kind, referralId: Number(id) } : undefined;
    case 'course-completion':
      return ID.test(id) ? { kind, enrollmentId: Number(id) } : undefined;
    case 'trip': {
      const [t, p, ...rest] = id.split(':');
      return !rest.length && ID.test(t ?? '') && ID.test(p ?? '') ? { kind, tripId: Number(t), personId: Number(p) } : undefined;
    }
    case 'post-month': {
      const [p, m, ...rest] = id.split(':');
      const mm = MONTH.exec(m ?? '');
      if (rest.length || !ID.test(p ?? '') || !mm) return undefined;
      const y = Number(mm[1]);
      const mo = Number(mm[2]);
      const last = mo === 2 && !leap(y) ? 28 : DAYS[mo - 1];
      return { kind, personId: Number(p), month: m, monthStart: `${m}-01`, monthEnd: `${m}-${String(last).padStart(2, '0')}` };
    }
  }
}
