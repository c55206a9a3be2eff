import { describe, expect, it } from 'vitest';
import { BUILTIN_OCCUPATIONS, findBuiltinOccupation, OCCUPATION_CODE, occupationAffinity } from './catalog.ts';

describe('built-in occupations', () => {
  it('are all well-formed detailed codes with both names, without duplicates', () => {
    const codes = BUILTIN_OCCUPATIONS.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const o of BUILTIN_OCCUPATIONS) {
      expect(o.code).toMatch(OCCUPATION_CODE);
      expect(o.code.split('-')).toHaveLength(4);
      expect(o.zh).toMatch(/\p{Script=Han}/u);
      expect(o.en).toMatch(/[A-Za-z]/);
    }
  });
  it('are found by code, Chinese name or English name', () => {
    expect(findBuiltinOccupation('保洁员')?.code).toBe('4-09-08-01');
    expect(findBuiltinOccupation(' bricklayer ')?.code).toBe('6-29-01-01');
    expect(findBuiltinOccupation('6-05-01-03')?.zh).toBe('缝纫工');
    expect(findBuiltinOccupation('astronaut')).toBeUndefined();
  });
  it('rank agreement along the classification hierarchy', () => {
    expect(occupationAffinity('6-29-01-01', '6-29-01-01')).toBe(4);
    expect(occupationAffinity('6-29-01-01', '6-29-01-04')).toBe(3);
    expect(occupationAffinity('6-29-01-01', '6-29-04-01')).toBe(2);
    expect(occupationAffinity('6-29-01-01', '6-05-01-03')).toBe(1);
    expect(occupationAffinity('6-29-01-01', '4-09-08-01')).toBe(0);
  });
  it('match the 2022 classification where it is available', async () => {
    const fs = await import('node:fs');
    const file = new URL('../../../../shared/reference/occupations-2022.json', import.meta.url);
    if (!fs.existsSync(file)) return;
    const names = new Map<string, string>();
    const walk = (n: any) => {
      names.set(n.seq, n.name);
      (n.children ?? []).forEach(walk);
    };
    JSON.parse(fs.readFileSync(file, 'utf8')).data.forEach(walk);
    for (const o of BUILTIN_OCCUPATIONS) expect(names.get(o.code), o.code).toBe(o.zh);
  });
});
