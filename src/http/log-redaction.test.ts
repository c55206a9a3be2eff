import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction.ts';

describe('access log redaction', () => {
  it('blanks ID numbers and phones out of logged URLs and keeps the rest', () => {
    expect(redactUrl('/api/v1/persons?idNumber=11010519491231002X&limit=5')).toBe('/api/v1/persons?idNumber=[redacted]&limit=5');
    expect(redactUrl('/api/v1/households?region=14&phone=%2B8613800138000')).toBe('/api/v1/households?region=14&phone=[redacted]');
    expect(redactUrl('/api/v1/persons?name=%E7%8E%8B')).toBe('/api/v1/persons?name=%E7%8E%8B');
  });
});
