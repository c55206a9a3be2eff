import type { PersonFacts, PostingFacts } from './facts.ts';

/** A person and a posting that fit each other; tests change one fact at a time. */
export const ON = '2026-03-01';
export const HOME = '140225100218'; // a village of 浑源县

export function person(over: Partial<PersonFacts> = {}): PersonFacts {
  return {
    id: 1,
    villageCode: HOME,
    birthDate: '1990-06-15',
    laborCapacity: 'full',
    employmentStatus: 'seeking',
    jobWishTypes: ['4-09-08-01'],
    skills: [],
    availableFrom: null,
    preferredScope: 'county',
    minMonthlyPayYuan: 2000,
    household: { category: 'lifted', relocated: false, zeroEmployment: false },
    ...over,
  };
}

export function posting(over: Partial<PostingFacts> = {}): PostingFacts {
  return {
    id: 10,
    occupationCode: '4-09-08-01',
    regionCode: '140225100',
    payMinFen: 250000,
    payMaxFen: 300000,
    openings: 3,
    filled: 0,
    status: 'open',
    startDate: '2026-03-10',
    endDate: null,
    ageMin: null,
    ageMax: null,
    healthCertificate: false,
    weakLaborOk: false,
    postType: 'regular',
    ...over,
  };
}

