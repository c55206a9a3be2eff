import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, idCheckChar, makeIdNumber, maskIdNumber, parseIdNumber } from './id-number.ts';

const TODAY = '2026-11-29';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a valid number and derives birth date and gender', () => {
    // 11010519491231002X is the standard's own example.
    const r = parseIdNumber('11010519491231002X', TODAY);
    expect(r).toEqual({ ok: true, info: { value: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', regionPrefix: '110105' } });
    const m = parseIdNumber(makeIdNumber('140225', '1985-06-15', 37), TODAY);
    expect(m.ok && m.info.gender).toBe('male');
  });

  it('normalizes spaces, full-width digits and a lower-case x first', () => {
    const r = parseIdNumber(' １１０１０５１９４９１２３１００２x ', TODAY);
    expect(r.ok && r.info.value).toBe('11010519491231002X');
  });

  it('upgrades a 15-digit legacy number to 18', () => {
    const r = parseIdNumber('140225850615037', TODAY);
    expect(r.ok && r.info.value).toBe(makeIdNumber('140225', '1985-06-15', 37));
  });

  it('names the rule that failed', () => {
    expect(parseIdNumber('', TODAY)).toEqual({ ok: false, error: 'id_number_required' });
    expect(parseIdNumber('1402251985', TODAY)).toEqual({ ok: false, error: 'id_number_format' });
    expect(parseIdNumber('99022519850615037X', TODAY)).toEqual({ ok: false, error: 'id_number_province' });
    expect(parseIdNumber(makeIdNumber('140225', '1985-02-28', 1).replace('0228', '0230'), TODAY)).toEqual({ ok: false, error: 'id_number_birth_date' });
    expect(parseIdNumber(makeIdNumber('140225', '2027-01-01', 1), TODAY)).toEqual({ ok: false, error: 'id_number_future_birth' });
    const good = makeIdNumber('140225', '1985-06-15', 37);
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(parseIdNumber(wrong, TODAY)).toEqual({ ok: false, error: 'id_number_checksum' });
  });

  it('accepts every generated number and rejects any single changed digit', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (d, seq, pos, delta) => {
        const id = makeIdNumber('140225', d.toISOString().slice(0, 10), seq);
        expect(parseIdNumber(id, TODAY).ok).toBe(true);
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        const r = parseIdNumber(changed, TODAY);
        // A changed digit breaks the check character unless it also broke the date or province first.
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('computes check characters including X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('masks all but the region and the last four', () => {
    expect(maskIdNumber('140225198506150371')).toBe('140225********0371');
  });

  it('computes age on a date', () => {
    expect(ageOn('1985-06-15', '2026-06-14')).toBe(40);
    expect(ageOn('1985-06-15', '2026-06-15')).toBe(41);
  });
});
