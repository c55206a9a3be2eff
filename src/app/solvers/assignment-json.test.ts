import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import { parseAssignmentInput, solveAssignmentJson } from './assignment-json.ts';

const example = {
  people: ['p1', 'p2', 'p3'],
  postings: [
    { id: 'j1', capacity: 1 },
    { id: 'j2', capacity: 2 },
  ],
  arcs: [
    { person: 'p1', posting: 'j1', score: 12.5 },
    { person: 'p1', posting: 'j2', score: 11 },
    { person: 'p2', posting: 'j1', score: 10 },
    { person: 'p3', posting: 'j2', score: -1 },
  ],
};

function issuesOf(json: unknown): Array<{ field: string; code: string; message: string }> {
  try {
    parseAssignmentInput(json);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).issues;
  }
  throw new Error('expected a validation error');
}

describe('solveAssignmentJson', () => {
  it('answers with ids, the optimal total, and leaves negative arcs unused', () => {
    expect(solveAssignmentJson(example)).toEqual({
      total: 21,
      assignments: [
        { person: 'p1', posting: 'j2' },
        { person: 'p2', posting: 'j1' },
      ],
    });
  });

  it('keeps the best of duplicate arcs and reports the original scores', () => {
    const r = solveAssignmentJson({
      people: ['a'],
      postings: [{ id: 'x', capacity: 3 }],
      arcs: [
        { person: 'a', posting: 'x', score: 0.1 },
        { person: 'a', posting: 'x', score: 0.30000000000000004 },
      ],
    });
    expect(r.total).toBeCloseTo(0.3, 12);
    expect(r.assignments).toEqual([{ person: 'a', posting: 'x' }]);
  });

  it('accepts empty lists', () => {
    expect(solveAssignmentJson({ people: [], postings: [], arcs: [] })).toEqual({ total: 0, assignments: [] });
  });
});

describe('parseAssignmentInput', () => {
  it('builds typed arrays indexed like the input lists', () => {
    const { problem, personIds, postingIds } = parseAssignmentInput(example);
    expect(personIds).toEqual(['p1', 'p2', 'p3']);
    expect(postingIds).toEqual(['j1', 'j2']);
    expect([...problem.capacity]).toEqual([1, 2]);
    expect([...problem.arcPerson]).toEqual([0, 0, 1, 2]);
    expect([...problem.arcPosting]).toEqual([0, 1, 0, 1]);
    expect([...problem.arcScore]).toEqual([12.5, 11, 10, -1]);
  });

  it('names an unknown posting in an arc', () => {
    const arcs = [...example.arcs, { person: 'p2', posting: 'j9', score: 1 }];
    expect(issuesOf({ ...example, arcs })).toEqual([{ field: 'arcs[4].posting', code: 'unknown', message: 'unknown posting "j9"' }]);
  });

  it('rejects a root that is not an object and missing lists', () => {
    expect(issuesOf([1, 2])[0]).toMatchObject({ field: 'input', code: 'not_object' });
    expect(issuesOf({ people: [] }).map((i) => i.field)).toEqual(['postings', 'arcs']);
    expect(issuesOf({ people: 'p1', postings: [], arcs: [] })[0]).toMatchObject({ field: 'people', code: 'not_array' });
  });

  it('rejects duplicate and non-string ids', () => {
    const dupPeople = issuesOf({ ...example, people: ['p1', 'p2', 'p1'] });
    expect(dupPeople[0]).toMatchObject({ field: 'people[2]', code: 'duplicate' });
    expect(dupPeople[0].message).toContain('"p1"');
    const dupPostings = issuesOf({ ...example, postings: [{ id: 'j1', capacity: 1 }, { id: 'j1', capacity: 1 }] });
    expect(dupPostings[0]).toMatchObject({ field: 'postings[1].id', code: 'duplicate' });
    expect(issuesOf({ ...example, people: ['p1', 7, ''] }).map((i) => [i.field, i.code])).toEqual([
      ['people[1]', 'not_string'],
      ['people[2]', 'empty'],
    ]);
  });

  it('rejects negative, fractional, missing and non-numeric capacities', () => {
    const postings = [
      { id: 'a', capacity: -1 },
      { id: 'b', capacity: 1.5 },
      { id: 'c' },
      { id: 'd', capacity: '3' },
      'e',
    ];
    expect(issuesOf({ people: [], postings, arcs: [] }).map((i) => [i.field, i.code])).toEqual([
      ['postings[0].capacity', 'negative'],
      ['postings[1].capacity', 'not_integer'],
      ['postings[2].capacity', 'required'],
      ['postings[3].capacity', 'not_number'],
      ['postings[4]', 'not_object'],
    ]);
  });

  it('rejects arcs with missing fields, unknown people and bad scores', () => {
    const arcs = [
      { person: 'p1', posting: 'j1' },
      { person: 'zz', posting: 'j1', score: 1 },
      { person: 'p1', posting: 'j1', score: 'high' },
      { posting: 'j1', score: 2 },
      null,
    ];
    expect(issuesOf({ ...example, arcs }).map((i) => [i.field, i.code])).toEqual([
      ['arcs[0].score', 'required'],
      ['arcs[1].person', 'unknown'],
      ['arcs[2].score', 'not_finite'],
      ['arcs[3].person', 'required'],
      ['arcs[4]', 'not_object'],
    ]);
  });

  it('stops listing after 20 issues', () => {
    const arcs = Array.from({ length: 1000 }, () => ({ person: 'nobody', posting: 'j1', score: 1 }));
    expect(issuesOf({ ...example, arcs })).toHaveLength(20);
  });

  it('says which fields failed in the error message', () => {
    expect(() => parseAssignmentInput({ ...example, arcs: [{ person: 'p1', posting: 'j9', score: 1 }] })).toThrowError(
      /arcs\[0\]\.posting: unknown posting "j9"/,
    );
  });
});
