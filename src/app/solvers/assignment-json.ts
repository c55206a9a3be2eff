import { DomainError, type FieldIssue } from '../../domain/errors.ts';
import { solveAssignment, type AssignmentProblem } from '../../domain/matching/assignment.ts';

/** The typed problem plus the ids that index it. */
export interface ParsedAssignmentInput {
  problem: AssignmentProblem;
  personIds: string[];
  postingIds: string[];
}

export interface AssignmentJsonResult {
  total: number;
  assignments: Array<{ person: string; posting: string }>;
}

/** A large file with one systematic mistake would otherwise produce millions of issues. */
const MAX_ISSUES = 20;
const MAX_CAPACITY = 2 ** 31 - 1;

class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, code: string, message: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ field, code, message });
  }
  get full(): boolean {
    return this.list.length >= MAX_ISSUES;
  }
  throwIfAny(): void {
    if (this.list.length) throw DomainError.invalid(this.list, 'The assignment input is not valid');
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'string' ? `the string ${JSON.stringify(x)}` : `a ${typeof x}`;
}

function requireArray(root: Record<string, unknown>, key: string, issues: Issues): unknown[] {
  const v = root[key];
  if (v === undefined) issues.add(key, 'required', 'is required (an array)');
  else if (!Array.isArray(v)) issues.add(key, 'not_array', `must be an array, got ${describe(v)}`);
  return Array.isArray(v) ? v : [];
}

function readId(v: unknown, field: string, issues: Issues): string | undefined {
  if (v === undefined) issues.add(field, 'required', 'is required (a string id)');
  else if (typeof v !== 'string') issues.add(field, 'not_string', `must be a string id, got ${describe(v)}`);
  else if (v.length === 0) issues.add(field, 'empty', 'must not be empty');
  else return v;
  return undefined;
}

/** Validates `{people, postings, arcs}` and turns it into typed arrays; throws a validation DomainError naming each bad field and rule. */
export function parseAssignmentInput(json: unknown): ParsedAssignmentInput {
  const issues = new Issues();
  if (!isObject(json)) {
    issues.add('input', 'not_object', `must be a JSON object with people, postings and arcs, got ${describe(json)}`);
    issues.throwIfAny();
  }
  const root = json as Record<string, unknown>;
  const people = requireArray(root, 'people', issues);
  const postings = requireArray(root, 'postings', issues);
  const arcs = requireArray(root, 'arcs', issues);
  issues.throwIfAny();

  const personIndex = new Map<string, number>();
  const personIds: string[] = [];
  for (let i = 0; i < people.length && !issues.full; i++) {
    const id = readId(people[i], `people[${i}]`, issues);
    if (id === undefined) continue;
    if (personIndex.has(id)) issues.add(`people[${i}]`, 'duplicate', `duplicate person id ${JSON.stringify(id)} (first at people[${personIndex.get(id)}])`);
    else personIndex.set(id, i);
    personIds.push(id);
  }

  const postingIndex = new Map<string, number>();
  const postingIds: string[] = [];
  const capacity = new Int32Array(postings.length);
  for (let j = 0; j < postings.length && !issues.full; j++) {
    const p = postings[j];
    if (!isObject(p)) {
      issues.add(`postings[${j}]`, 'not_object', `must be an object {id, capacity}, got ${describe(p)}`);
      continue;
    }
    const id = readId(p.id, `postings[${j}].id`, issues);
    if (id !== undefined) {
      if (postingIndex.has(id)) issues.add(`postings[${j}].id`, 'duplicate', `duplicate posting id ${JSON.stringify(id)} (first at postings[${postingIndex.get(id)}])`);
      else postingIndex.set(id, j);
      postingIds.push(id);
    }
    const c = p.capacity;
    const field = `postings[${j}].capacity`;
    if (c === undefined) issues.add(field, 'required', 'is required (a whole number ≥ 0)');
    else if (typeof c !== 'number' || !Number.isFinite(c)) issues.add(field, 'not_number', `must be a whole number ≥ 0, got ${describe(c)}`);
    else if (!Number.isInteger(c)) issues.add(field, 'not_integer', `must be a whole number, got ${c}`);
    else if (c < 0) issues.add(field, 'negative', `must not be negative, got ${c}`);
    else if (c > MAX_CAPACITY) issues.add(field, 'too_large', `must be at most ${MAX_CAPACITY}, got ${c}`);
    else capacity[j] = c;
  }
  issues.throwIfAny();

  const nArcs = arcs.length;
  const arcPerson = new Int32Array(nArcs);
  const arcPosting = new Int32Array(nArcs);
  const arcScore = new Float64Array(nArcs);
  for (let e = 0; e < nArcs && !issues.full; e++) {
    const a = arcs[e];
    if (!isObject(a)) {
      issues.add(`arcs[${e}]`, 'not_object', `must be an object {person, posting, score}, got ${describe(a)}`);
      continue;
    }
    const person = readId(a.person, `arcs[${e}].person`, issues);
    if (person !== undefined) {
      const i = personIndex.get(person);
      if (i === undefined) issues.add(`arcs[${e}].person`, 'unknown', `unknown person ${JSON.stringify(person)}`);
      else arcPerson[e] = i;
    }
    const posting = readId(a.posting, `arcs[${e}].posting`, issues);
    if (posting !== undefined) {
      const j = postingIndex.get(posting);
      if (j === undefined) issues.add(`arcs[${e}].posting`, 'unknown', `unknown posting ${JSON.stringify(posting)}`);
      else arcPosting[e] = j;
    }
    const s = a.score;
    if (s === undefined) issues.add(`arcs[${e}].score`, 'required', 'is required (a finite number)');
    else if (typeof s !== 'number' || !Number.isFinite(s)) issues.add(`arcs[${e}].score`, 'not_finite', `must be a finite number, got ${describe(s)}`);
    else arcScore[e] = s;
  }
  issues.throwIfAny();

  return {
    problem: { nPeople: people.length, nPostings: postings.length, capacity, arcPerson, arcPosting, arcScore },
    personIds,
    postingIds,
  };
}

/** Parses, solves exactly and answers with ids: `{ total, assignments: [{ person, posting }] }` in the order of `people`. */
export function solveAssignmentJson(json: unknown): AssignmentJsonResult {
  const { problem, personIds, postingIds } = parseAssignmentInput(json);
  const { total, assignedPosting } = solveAssignment(problem);
  const assignments: AssignmentJsonResult['assignments'] = [];
  for (let i = 0; i < personIds.length; i++) {
    const j = assignedPosting[i];
    if (j >= 0) assignments.push({ person: personIds[i], posting: postingIds[j] });
  }
  return { total, assignments };
}
