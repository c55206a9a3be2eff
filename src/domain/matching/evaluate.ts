import type { PersonFacts, PostingFacts } from './facts.ts';
import { checkFit, type FitContext, type FitFailure, type FitMatch } from './fit.ts';
import { explainMatch, type Audience, type Reason } from './reasons.ts';
import { scoreMatch, type Score } from './score.ts';

export interface Evaluation {
  ok: boolean;
  failures: FitFailure[];
  match: FitMatch;
  /** Present when the pair fits. */
  score: Score | null;
  reasons: Reason[];
}

/** Fit, score and reasons of one person for one posting. */
export function evaluatePair(person: PersonFacts, posting: PostingFacts, ctx: FitContext, audience: Audience = 'staff'): Evaluation {
  const fit = checkFit(person, posting, ctx);
  if (!fit.ok) return { ...fit, score: null, reasons: [] };
  const score = scoreMatch(fit.match, person.household);
  return { ...fit, score, reasons: explainMatch(person, posting, fit.match, score, audience) };
}
