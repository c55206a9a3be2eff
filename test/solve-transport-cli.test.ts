import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'jiuye-transport-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jiuye(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, [join(root, 'bin/jiuye.mjs'), ...args], { cwd: root, input: stdin ?? '', encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const problem = {
  travelers: [
    { id: 'P001', origin: '141125', destination: '1101', earliest: '2020-03-10', latest: '2020-03-12' },
    { id: 'P002', origin: '141125', destination: '1101', earliest: '2020-03-12', latest: '2020-03-15' },
    { id: 'P003', origin: '141125', destination: '1101', earliest: '2020-03-11', latest: '2020-03-13' },
    { id: 'P004', origin: '140105', destination: '3205', earliest: '2020-03-10', latest: '2020-03-10' },
  ],
  vehicles: [
    { type: 'coach', capacity: 45, cost: 3000 },
    { type: 'car', capacity: 4, cost: 500 },
  ],
};
const expected = {
  trips: [
    { type: 'car', date: '2020-03-10', origin: '140105', destination: '3205', travelers: ['P004'] },
    { type: 'car', date: '2020-03-12', origin: '141125', destination: '1101', travelers: ['P001', 'P002', 'P003'] },
  ],
  cost: 1000,
  lowerBound: 1000,
};

describe('jiuye solve transport', () => {
  it('reads the problem from stdin and prints the plan as JSON', () => {
    const r = jiuye(['solve', 'transport'], JSON.stringify(problem));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('reads the problem from a file argument', () => {
    const file = join(dir, 'problem.json');
    writeFileSync(file, JSON.stringify(problem));
    const r = jiuye(['solve', 'transport', file]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('refuses an impossible window with a non-zero exit naming the field and rule', () => {
    const bad = structuredClone(problem);
    bad.travelers[2].latest = '2020-03-01';
    const r = jiuye(['solve', 'transport'], JSON.stringify(bad));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('travelers[2].latest: must not be before earliest (2020-03-11)');
  });

  it('refuses a fleet without vehicles and a bad capacity', () => {
    const r = jiuye(['solve', 'transport'], JSON.stringify({ ...problem, vehicles: [] }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('vehicles: must list at least one vehicle type');
    const r2 = jiuye(['solve', 'transport'], JSON.stringify({ ...problem, vehicles: [{ type: 'van', capacity: 0, cost: 100 }] }));
    expect(r2.status).not.toBe(0);
    expect(r2.stderr).toContain('vehicles[0].capacity');
  });

  it('reports text that is not JSON, and a missing file', () => {
    const r = jiuye(['solve', 'transport'], '{"travelers": [');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/not valid JSON/);
    const r2 = jiuye(['solve', 'transport', join(dir, 'missing.json')]);
    expect(r2.status).not.toBe(0);
    expect(r2.stderr).toMatch(/cannot read .*missing\.json/);
  });
});
