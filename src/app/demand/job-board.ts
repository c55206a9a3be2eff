import { DomainError } from '../../domain/errors.ts';
import { demandRegionsRepository } from '../../store/repositories/demand-regions.repository.ts';
import { occupationsRepository } from '../../store/repositories/occupations.repository.ts';
import { postingsRepository } from '../../store/repositories/postings.repository.ts';
import type { App } from '../context.ts';
import { decodeCursor, page } from './common.ts';
import { presentRequirements } from './postings.ts';

export interface BoardQuery {
  region?: string;
  occupation?: string;
  postType?: string;
  /** Monthly pay the seeker wants, in fen: postings whose pay range reaches it. */
  minPayFen?: number;
  cursor?: string;
  limit?: number;
}

/**
 * The public job board: open postings only, newest first, with the employer's name and nothing
 * about people (no contacts, no applicants, no managing office). Needs no account.
 */
export async function publicPostings(app: App, q: BoardQuery) {
  if (q.region && !/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(q.region)) {
    throw DomainError.invalid([{ field: 'region', code: 'region_code_format', message: 'must be a region code of 2, 4, 6, 9 or 12 digits', messageZh: '区划代码须为2、4、6、9或12位数字' }]);
  }
  const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
  const db = app.database.db;
  const rows = await postingsRepository.board(db, { region: q.region, occupation: q.occupation, postType: q.postType, minPayFen: q.minPayFen, beforeId: decodeCursor(q.cursor), limit: limit + 1 });
  const p = page(rows, limit);
  const [names, occs] = await Promise.all([demandRegionsRepository.names(db, p.items.flatMap((r) => [r.regionCode, r.regionCode.slice(0, 9), r.regionCode.slice(0, 6), r.regionCode.slice(0, 4)])), occupationsRepository.findMany(db, p.items.map((r) => r.occupationCode))]);
  const placeOf = (code: string) => [...new Set([code.slice(0, 4), code.slice(0, 6), code.slice(0, 9), code])].map((c) => names.get(c)).filter(Boolean).join(' ');
  return {
    items: p.items.map((r) => ({
      id: r.id,
      title: r.title,
      employerName: r.employerName,
      occupationCode: r.occupationCode,
      occupationName: occs.get(r.occupationCode)?.nameZh ?? null,
      occupationNameEn: occs.get(r.occupationCode)?.nameEn ?? null,
      postType: r.postType,
      openings: Math.max(r.openings - r.filled, 0),
      payMinFen: r.payMinFen,
      payMaxFen: r.payMaxFen,
      regionCode: r.regionCode,
      place: placeOf(r.regionCode),
      startDate: r.startDate,
      endDate: r.endDate,
      hours: r.hours,
      board: r.board,
      lodging: r.lodging,
      weakLaborOk: r.weakLaborOk,
      requirements: presentRequirements(r.requirements),
    })),
    nextCursor: p.nextCursor,
  };
}
