import { POST_TYPES, POSTING_STATUSES, OPERATING_STATUSES, EVENT_KINDS } from '../../../../src/domain/demand/vocabulary.ts';

export { POST_TYPES, POSTING_STATUSES, OPERATING_STATUSES, EVENT_KINDS };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Employer {
  id: number;
  name: string;
  creditCode: string;
  regionCode: string;
  regionName: string | null;
  scopeCode: string;
  address: string;
  industry: string;
  isSme: boolean;
  contactName: string;
  contactPhone: string;
  operatingStatus: string;
  statusDate: string | null;
  employeesTotal: number;
  poorEmployees: number;
  isWorkshop: boolean;
  workshopRecognizedOn: string | null;
  version: number;
  updatedAt: string;
}

export interface Requirements {
  ageMin: number | null;
  ageMax: number | null;
  skills: string[];
  certificates: string[];
  healthCertificate: boolean;
  other: string | null;
}

export interface Posting {
  id: number;
  employerId: number;
  employerName: string | null;
  externalNo: string | null;
  title: string;
  occupationCode: string;
  occupationName: string | null;
  postType: string;
  openings: number;
  filled: number;
  payMinFen: number;
  payMaxFen: number;
  regionCode: string;
  regionName: string | null;
  scopeCode: string;
  address: string;
  startDate: string;
  endDate: string | null;
  hours: string;
  requirements: Requirements;
  board: boolean;
  lodging: boolean;
  weakLaborOk: boolean;
  status: string;
  accidentInsuranceFen: number | null;
  description: string;
  version: number;
  updatedAt: string;
}

export interface RateRow {
  regionCode: string;
  regionName: string | null;
  operating: number;
  resumed: number;
  suspended: number;
  registered: number;
  operatingRate: number | null;
  resumptionRate: number | null;
}

export interface Campaign {
  id: number;
  name: string;
  regionCode: string;
  startsOn: string;
  endsOn: string;
  description: string;
  version: number;
}

export interface CampaignEvent {
  id: number;
  campaignId: number;
  kind: string;
  name: string;
  regionCode: string;
  regionName?: string | null;
  place: string;
  heldOn: string;
  employerIds: number[];
  postingIds: number[];
  attendees?: number;
  intentions?: number;
  version: number;
}

export interface Counts {
  employers: number;
  postings: number;
  openings: number;
  attendees: number;
  intentions: number;
}

export interface CampaignDetail extends Campaign {
  events: CampaignEvent[];
  summary: { total: Counts & { events: number }; byRegion: (Counts & { events: number; regionCode: string; regionName: string | null })[] };
}

export interface EventDetail {
  campaign: Campaign;
  event: CampaignEvent;
  employers: { id: number; name: string }[];
  postings: { id: number; title: string; employerName: string; postType: string; openings: number; filled: number; payMinFen: number; payMaxFen: number; status: string }[];
  attendance: { id: number; personId: number; name: string; idMasked: string; villageCode: string; checkedInAt: string }[];
  intentions: { id: number; personId: number; name: string; idMasked: string; postingId: number; postingTitle: string; employerName: string; createdAt: string }[];
}

export interface PersonHit {
  id: number;
  name: string;
  villageCode: string;
  villageName: string | null;
  idMasked: string;
  phoneMasked: string | null;
  birthDate: string;
}

export interface BoardItem {
  id: number;
  title: string;
  employerName: string;
  occupationCode: string;
  occupationName: string | null;
  occupationNameEn: string | null;
  postType: string;
  openings: number;
  payMinFen: number;
  payMaxFen: number;
  regionCode: string;
  place: string;
  startDate: string;
  endDate: string | null;
  hours: string;
  board: boolean;
  lodging: boolean;
  weakLaborOk: boolean;
  requirements: Requirements;
}

/** 250000 fen → "2,500". */
export function yuanText(fen: number | null | undefined): string {
  if (fen == null) return '';
  const y = fen / 100;
  return Number.isInteger(y) ? y.toLocaleString('en') : y.toFixed(2);
}

export function percent(v: number | null): string {
  return v == null ? '—' : `${(v * 100).toFixed(1)}%`;
}
