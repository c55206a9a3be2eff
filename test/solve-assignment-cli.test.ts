import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'jiuye-assignment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jiuye(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/jiuye.mjs', ...args], { cwd: root, input: input ?? '', encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const problem = {
  people: ['p1', 'p2', 'p3'],
  postings: [
    { id: 'j1', capacity: 1 },
    { id: 'j2', capacity: 1 },
  ],
  arcs: [
    { person: 'p1', posting: 'j1', score: 10 },
    { person: 'p1', posting: 'j2', score: 9 },
    { person: 'p2', posting: 'j1', score: 8.5 },
    { person: 'p3', posting: 'j2', score: 0 },
  ],
};
// Greedy would give p1 the 10 and stop at 10; the optimum moves p1 to j2.
const expected = {
  total: 17.5,
  assignments: [
    { person: 'p1', posting: 'j2' },
    { person: 'p2', posting: 'j1' },
  ],
};

describe('jiuye solve assignment', () => {
  it('reads stdin and prints the optimal assignment', () => {
    const r = jiuye(['solve', 'assignment'], JSON.stringify(problem));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('reads a file argument', () => {
    const file = join(dir, 'problem.json');
    writeFileSync(file, JSON.stringify(problem));
    const r = jiuye(['solve', 'assignment', file]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('fails with the field and rule named on malformed input', () => {
    const bad = { ...problem, arcs: [...problem.arcs, { person: 'p2', posting: 'j9', score: 1 }] };
    const r = jiuye(['solve', 'assignment'], JSON.stringify(bad));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('arcs[4].posting: unknown posting "j9"');
  });

  it('fails clearly on a JSON syntax error and on a missing file', () => {
    const syntax = jiuye(['solve', 'assignment'], '{"people": [');
    expect(syntax.status).not.toBe(0);
    expect(syntax.stderr).toMatch(/not valid JSON/);
    const missing = jiuye(['solve', 'assignment', join(dir, 'nope.json')]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json/);
  });
});
