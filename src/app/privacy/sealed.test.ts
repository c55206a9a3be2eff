import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from './sealed.ts';

describe('sealed fields', () => {
  const key = crypto.randomBytes(32);
  it('round-trips and never repeats a ciphertext', () => {
    const a = seal(key, '140225198506150371');
    const b = seal(key, '140225198506150371');
    expect(a).not.toBe(b);
    expect(a).not.toContain('140225');
    expect(unseal(key, a)).toBe('140225198506150371');
  });
  it('refuses a tampered value or another key', () => {
    const a = seal(key, '13800138000');
    const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
    expect(() => unseal(key, tampered)).toThrow();
    expect(() => unseal(crypto.randomBytes(32), a)).toThrow();
  });
});
