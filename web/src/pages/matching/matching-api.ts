import { api } from '../../api/client.ts';

export interface Reason {
  code: string;
  en: string;
  zh: string;
  points: number;
}

export interface Recommendation {
  posting: { id: number; title: string; employerName: string; regionCode: string; address: string; payMinYuan: number; payMaxYuan: number; openings: number; filled: number; startDate: string; occupationName: { zh: string; en: string } | null };
  score: number;
  reasons: Reason[];
  referralId: number | null;
}

export interface Candidate {
  rank: number;
  personId: number | null;
  name: string;
  age: number;
  homeRegionCode: string;
  score: number;
  reasons: Reason[];
  referralId: number | null;
}

export interface Referral {
  id: number;
  personId: number | null;
  personName: string;
  villageCode: string;
  postingId: number;
  postingTitle: string;
  employerName: string;
  status: string;
  source: string;
  score: number | null;
  reasons: Reason[];
  lastStepOn: string;
  dueOn: string | null;
  overdue: boolean;
  version: number;
}

export const getRecommendations = (personId: number, signal?: AbortSignal) => api<{ items: Recommendation[] }>(`/persons/${personId}/recommendations`, { query: { k: 10 }, signal });
export const getCandidates = (postingId: number, signal?: AbortSignal) => api<{ items: Candidate[] }>(`/postings/${postingId}/candidates`, { query: { k: 20 }, signal });
export const refer = (personId: number, postingId: number) => api<Referral>('/referrals', { method: 'POST', body: { personId, postingId } });
export const moveReferral = (id: number, to: string, note = '') => api<Referral>(`/referrals/${id}/transitions`, { method: 'POST', body: { to, note } });

/** The next step on the way to work (the one big button) and the other outcomes, per state. */
export const NEXT: Record<string, { main: string | null; other: string[] }> = {
  recommended: { main: 'contacted', other: ['interested', 'declined'] },
  contacted: { main: 'interested', other: ['interviewed', 'hired', 'declined', 'no_show'] },
  interested: { main: 'interviewed', other: ['hired', 'declined', 'no_show', 'rejected'] },
  interviewed: { main: 'hired', other: ['declined', 'no_show', 'rejected'] },
  hired: { main: 'at_work', other: ['declined', 'no_show'] },
  at_work: { main: null, other: ['left'] },
};
