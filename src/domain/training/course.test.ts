import { describe, expect, it } from 'vitest';
import { addMonths, atWorkWithin, checkCourse, targetPrefix, wishFit, type CourseDraft } from './course.ts';

const base: CourseDraft = { title: '家政服务员培训', occupationCode: '4-10-01-06', mode: 'blended', hours: 80, startsOn: '2020-04-01', endsOn: '2020-04-20', schedule: '每周一至五', place: '县职教中心', onlinePlatform: '山西技能培训平台', capacity: 40, subsidyApplies: true };

describe('checkCourse', () => {
  it('accepts a blended course with place and platform', () => expect(checkCourse(base)).toEqual([]));
  it('needs a place for offline practice and a platform for online theory', () => {
    expect(checkCourse({ ...base, place: null, onlinePlatform: null }).map((i) => i.code)).toEqual(['place_required', 'platform_required']);
    expect(checkCourse({ ...base, mode: 'online', place: null })).toEqual([]);
  });
  it('quotes the limits', () => {
    const issues = checkCourse({ ...base, hours: 0, capacity: 5000, endsOn: '2020-03-01' });
    expect(issues.map((i) => i.code)).toEqual(['hours_range', 'capacity_range', 'ends_before_start']);
    expect(issues[0].message).toContain('2000');
  });
});

describe('wishFit', () => {
  it('fits the same occupation or the same minor group, not a wider group', () => {
    expect(wishFit('4-10-01-06', '4-10-01-06', [])).toEqual({ affinity: 4, via: 'training_wish' });
    expect(wishFit('4-10-01-06', null, ['6-29-01-01', '4-10-01-05'])).toEqual({ affinity: 3, via: 'job_wish' });
    expect(wishFit('4-10-01-06', '4-10-08-01', []).via).toBeNull();
    expect(targetPrefix('4-10-01-06')).toBe('4-10-01');
  });
});

describe('outcomes', () => {
  it('adds months, clamping to the end of the month', () => {
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2020-11-15', 3)).toBe('2021-02-15');
  });
  it('counts a spell started within three months, else the ledger status', () => {
    expect(atWorkWithin('2020-04-20', [{ startDate: '2020-06-01' }], 'seeking')).toBe(true);
    expect(atWorkWithin('2020-04-20', [{ startDate: '2020-08-01' }], 'seeking')).toBe(false);
    expect(atWorkWithin('2020-04-20', [], 'employed_county')).toBe(true);
    expect(atWorkWithin('2020-04-20', [], 'not_seeking')).toBe(false);
  });
});
