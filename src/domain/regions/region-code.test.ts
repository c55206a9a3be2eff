import { describe, expect, it } from 'vitest';
import { ancestorCodes, codeAtDepth, isWithin, levelsApart, parentCode, regionDepth, regionLevel } from './region-code.ts';

describe('region codes', () => {
  it('derives the level from the code length', () => {
    expect(regionLevel('14')).toBe('province');
    expect(regionLevel('1402')).toBe('city');
    expect(regionLevel('140225')).toBe('county');
    expect(regionLevel('140225100')).toBe('town');
    expect(regionLevel('140225100218')).toBe('village');
    expect(regionDepth('1402251')).toBe(0);
    expect(regionDepth('14a2')).toBe(0);
    expect(() => regionLevel('123')).toThrow(/not a region code/);
  });
  it('lists ancestors province first', () => {
    expect(ancestorCodes('140225100218')).toEqual(['14', '1402', '140225', '140225100']);
    expect(parentCode('140225')).toBe('1402');
    expect(parentCode('14')).toBeNull();
    expect(codeAtDepth('140225100218', 3)).toBe('140225');
    expect(codeAtDepth('1402', 3)).toBeNull();
  });
  it('decides subtree membership on the code prefix', () => {
    expect(isWithin('140225100218', '140225')).toBe(true);
    expect(isWithin('140225', '140225')).toBe(true);
    expect(isWithin('141127', '140225')).toBe(false);
    expect(isWithin('14', '1402')).toBe(false);
  });
  it('counts levels apart', () => {
    expect(levelsApart('140225100218', '140225100218')).toBe(0);
    expect(levelsApart('140225100218', '140225100219')).toBe(1);
    expect(levelsApart('140225100218', '140225101001')).toBe(2);
    expect(levelsApart('140225100218', '141127')).toBe(4);
    expect(levelsApart('140225100218', '440305')).toBe(5);
  });
});
