import { describe, expect, it } from 'vitest';
import { INDICATORS, RATIOS, SECTIONS, ratios } from './indicators.ts';

describe('indicator definitions', () => {
  it('places every indicator and ratio in exactly one section', () => {
    const placed = SECTIONS.flatMap((s) => s.indicators);
    expect([...placed].sort()).toEqual(INDICATORS.map((i) => i.key).sort());
    expect(SECTIONS.flatMap((s) => s.ratios).sort()).toEqual(RATIOS.map((r) => r.key).sort());
  });

  it('defines every indicator in both languages, and every ratio over known counts', () => {
    for (const i of INDICATORS) for (const k of ['zh', 'en', 'definitionZh', 'definitionEn'] as const) expect(i[k].length, `${i.key}.${k}`).toBeGreaterThan(1);
    const keys = new Set(INDICATORS.map((i) => i.key));
    for (const r of RATIOS) expect(keys.has(r.numerator) && keys.has(r.denominator), r.key).toBe(true);
  });

  it('derives the operating and resumption rates, null without a denominator', () => {
    const r = ratios({ employers: 8, employers_operating: 6, employers_resumed: 3, employers_stopped: 5, openings: 0, filled: 0 });
    expect(r.operating_rate).toBe(75);
    expect(r.resumption_rate).toBe(60);
    expect(r.fill_rate).toBeNull();
  });
});
