import { PostingIndex } from '../../domain/matching/posting-index.ts';
import type { PostingFacts } from '../../domain/matching/facts.ts';
import { matchingRepository } from '../../store/repositories/matching.repository.ts';
import type { App } from '../context.ts';

/** Changed postings read in one catch-up; more than this rebuilds the index instead. */
const MAX_CATCH_UP = 20_000;
const PAGE = 50_000;
/**
 * A transaction stamps `updated_at` before it commits, so a change can become visible after a later
 * one was already read. Changes this recent are read again, which covers any transaction shorter.
 */
const LATE_COMMIT_MS = 5_000;

interface State {
  index: PostingIndex;
  /** Keyset position of the last change read: (updated_at, id). */
  at: string;
  id: number;
  ms: number;
}

const states = new WeakMap<App, Promise<State>>();

async function build(app: App): Promise<State> {
  const t0 = performance.now();
  const db = app.database.db;
  // Read the position first: a change made while the pages are read is caught up on the next use.
  const last = await matchingRepository.latestPostingChange(db);
  const rows: PostingFacts[] = [];
  for (let after = 0; ; ) {
    const page = await matchingRepository.openPostingFactsPage(db, after, PAGE);
    rows.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
  }
  return { index: PostingIndex.build(rows), at: last?.at ?? '', id: last?.id ?? 0, ms: performance.now() - t0 };
}

/**
 * The open-postings index of this process, built on first use and brought up to date on each use
 * by reading only the postings changed since (keyset on the updated_at index), so a posting
 * created, filled or closed by any process shows in the next request.
 */
export async function postingIndex(app: App): Promise<PostingIndex> {
  let pending = states.get(app);
  if (!pending) {
    pending = build(app);
    states.set(app, pending);
    pending.catch(() => states.delete(app));
  }
  const state = await pending;
  const db = app.database.db;
  const changed = await matchingRepository.postingsChangedAfter(db, state.at, state.id, MAX_CATCH_UP + 1);
  if (changed.length > MAX_CATCH_UP || state.index.overlaySize > MAX_CATCH_UP) {
    states.delete(app);
    return postingIndex(app);
  }
  if (changed.length) {
    state.index.apply(changed);
    const last = changed[changed.length - 1];
    state.at = last.updatedAt;
    state.id = last.id;
  }
  const recent = new Date(Date.now() - LATE_COMMIT_MS).toISOString();
  if (state.at >= recent) state.index.apply(await matchingRepository.postingsChangedBetween(db, recent, state.at, MAX_CATCH_UP));
  return state.index;
}

/** Forgets the index of an app (after bulk loads that should rebuild rather than catch up). */
export function dropPostingIndex(app: App): void {
  states.delete(app);
}

/** Facts of the current index, for operators and the benchmark. */
export async function postingIndexInfo(app: App): Promise<{ size: number; overlay: number; buildMs: number } | null> {
  const s = await states.get(app);
  return s ? { size: s.index.size, overlay: s.index.overlaySize, buildMs: Math.round(s.ms) } : null;
}
