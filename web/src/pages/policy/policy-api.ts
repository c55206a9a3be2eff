import type { Lang } from '../../i18n/i18n.tsx';

export interface Text {
  zh: string;
  en: string;
}

export interface PolicySummary {
  id: string;
  name: Text;
  regionScope: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  subjectKind: string;
  payee: string;
  fund: string;
  currentVersion: number;
  updatedAt: string;
}

export interface FactWords {
  name: string;
  type: 'number' | 'money' | 'integer' | 'boolean' | 'string' | 'date' | 'region' | 'enum';
  optional: boolean;
  values: string[] | null;
  description: Text;
}

export interface PolicyDetail extends PolicySummary {
  version: number;
  rule: Record<string, any>;
  words: {
    description: Text;
    conditions: { id: string; expr: string; facts: string[]; description: Text }[];
    amount: { expr: string; description: Text };
    parameters: { name: string; type: string; value: string | null; description: Text }[];
    facts: FactWords[];
    limits: { oncePerPersonPerYear?: boolean; oncePerSubject?: boolean; capPerClaimFen: number | null };
  };
  versions: { version: number; effectiveFrom: string; effectiveTo: string | null; source: string; note: string; createdBy: string; createdAt: string }[];
}

export interface Evaluation {
  eligible: boolean;
  amount: number;
  explanation: { condition: string; fact: string; value: unknown; passed: boolean; description: Text }[];
}

export interface SimulationTotals {
  people: number;
  incomplete: number;
  eligibleBefore: number;
  eligibleAfter: number;
  newlyEligible: number;
  newlyIneligible: number;
  costBefore: number;
  costAfter: number;
}

export interface SimulationResult {
  policy: string;
  version: number;
  region: string;
  source: string;
  ms: number;
  total: SimulationTotals;
  byRegion: (SimulationTotals & { region: string })[];
}

/** The text in the UI's language, and the other language beside it. */
export function inLang(t: Text, lang: Lang): { main: string; other: string } {
  return lang === 'en' ? { main: t.en, other: t.zh } : { main: t.zh, other: t.en };
}

/** Yuan to the fen with thousands separators: 1234.5 → "1,234.50". */
export function yuan(v: number): string {
  return v.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
