import { describe, expect, it } from 'vitest';
import { isDomainError, type FieldIssue } from '../../domain/errors.ts';
import { formatDay, parseDay, parseTransportInput, solveTransportJson } from './transport-json.ts';

const fleet = [
  { type: 'coach', capacity: 45, cost: 3000 },
  { type: 'car', capacity: 4, cost: 500 },
];
const traveler = (id: string | number, earliest = '2020-03-10', latest = '2020-03-12', origin = '140105', destination = '1101') => ({
  id,
  origin,
  destination,
  earliest,
  latest,
});

function issuesOf(json: unknown): FieldIssue[] {
  try {
    parseTransportInput(json);
  } catch (e) {
    if (isDomainError(e)) return e.issues;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('parseDay / formatDay', () => {
  it('round-trips real dates and refuses impossible ones', () => {
    expect(formatDay(parseDay('2020-03-10')!)).toBe('2020-03-10');
    expect(parseDay('2020-02-29')).toBe(parseDay('2020-03-01')! - 1);
    expect(parseDay('2019-02-29')).toBeUndefined();
    expect(parseDay('2020-3-1')).toBeUndefined();
    expect(parseDay('2020-03-10T00:00')).toBeUndefined();
  });
});

describe('parseTransportInput', () => {
  it('names the field and the rule when a window ends before it starts', () => {
    const travelers = [traveler('a'), traveler('b'), traveler('c'), traveler('d', '2020-03-01', '2020-02-28')];
    try {
      parseTransportInput({ travelers, vehicles: fleet });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e)).toBe(true);
      expect((e as Error).message).toContain('travelers[3].latest: must not be before earliest (2020-03-01)');
    }
  });

  it('reports every malformed field at once', () => {
    const issues = issuesOf({
      travelers: [
        { id: 'a', origin: '14-01', destination: '', earliest: '2020-02-30', latest: '2020-03-01' },
        { origin: '140105', destination: '1101', earliest: '2020-03-01' },
        traveler('x'),
        traveler('x'),
        'nobody',
      ],
      vehicles: [
        { type: 'coach', capacity: 0, cost: 3000 },
        { type: 'car', capacity: 4, cost: -1 },
        { type: 'car', capacity: 2.5 },
      ],
    });
    expect(issues.map((i) => `${i.field} ${i.code}`)).toEqual([
      'vehicles[0].capacity min',
      'vehicles[1].cost min',
      'vehicles[2].type unique',
      'vehicles[2].capacity min',
      'vehicles[2].cost required',
      'travelers[0].origin format',
      'travelers[0].destination required',
      'travelers[0].earliest date',
      'travelers[1].id required',
      'travelers[1].latest required',
      'travelers[3].id unique',
      'travelers[4] type',
    ]);
  });

  it('requires at least one vehicle type and both arrays', () => {
    expect(issuesOf({ travelers: [traveler('a')], vehicles: [] }).map((i) => i.field)).toEqual(['vehicles']);
    expect(issuesOf({}).map((i) => i.field)).toEqual(['vehicles', 'travelers']);
    expect(issuesOf([1, 2]).map((i) => i.field)).toEqual(['(root)']);
  });

  it('lists only the first problems of a large bad file', () => {
    const travelers = Array.from({ length: 100 }, (_, i) => traveler(i, '2020-03-05', '2020-03-01'));
    try {
      parseTransportInput({ travelers, vehicles: fleet });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.issues.length).toBe(20);
      expect((e as Error).message).toContain('100 problems');
    }
  });

  it('turns dates into day numbers', () => {
    const input = parseTransportInput({ travelers: [traveler(7, '2020-03-10', '2020-03-11')], vehicles: fleet });
    expect(input.travelers[0]).toEqual({ id: 7, origin: '140105', destination: '1101', earliest: 18_331, latest: 18_332 });
  });
});

describe('solveTransportJson', () => {
  it('prints the contract shape with dates, and keeps ids as given', () => {
    const out = solveTransportJson({
      travelers: [traveler('a'), traveler(2, '2020-03-12', '2020-03-14'), traveler('c', '2020-03-10', '2020-03-10', '140106')],
      vehicles: fleet,
    });
    expect(out).toEqual({
      trips: [
        { type: 'car', date: '2020-03-10', origin: '140106', destination: '1101', travelers: ['c'] },
        { type: 'car', date: '2020-03-12', origin: '140105', destination: '1101', travelers: [2, 'a'] },
      ],
      cost: 1000,
      lowerBound: 1000,
    });
  });

  it('fills coaches before cars for a crowd that can share a day', () => {
    const travelers = Array.from({ length: 47 }, (_, i) => traveler(`p${String(i).padStart(2, '0')}`));
    const out = solveTransportJson({ travelers, vehicles: fleet });
    expect(out.trips.map((t) => [t.type, t.travelers.length])).toEqual([
      ['coach', 45],
      ['car', 2],
    ]);
    expect(out.cost).toBe(3500);
  });
});
