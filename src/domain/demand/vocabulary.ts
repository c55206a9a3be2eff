/** Post types of a job posting. */
export const POST_TYPES = ['regular', 'temporary', 'public_welfare', 'workshop', 'seasonal'] as const;
export type PostType = (typeof POST_TYPES)[number];

export const POSTING_STATUSES = ['draft', 'open', 'filled', 'closed'] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];

/** operating: never stopped; resumed: back at work on `statusDate`; suspended: stopped since `statusDate`. */
export const OPERATING_STATUSES = ['operating', 'resumed', 'suspended'] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];

export const EVENT_KINDS = ['online_fair', 'onsite_fair', 'caravan'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const POST_TYPE_NAMES: Record<PostType, { zh: string; en: string }> = {
  regular: { zh: '普通岗位', en: 'Regular' },
  temporary: { zh: '临时岗位', en: 'Temporary' },
  public_welfare: { zh: '公益性岗位', en: 'Public welfare' },
  workshop: { zh: '扶贫车间岗位', en: 'Poverty-alleviation workshop' },
  seasonal: { zh: '季节性岗位', en: 'Seasonal' },
};

/** Formats fen as yuan for messages: 178000 → "1,780". */
export function yuan(fen: number): string {
  const y = fen / 100;
  return Number.isInteger(y) ? y.toLocaleString('en') : y.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
