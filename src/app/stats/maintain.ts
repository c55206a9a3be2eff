import { STATS_FAMILIES } from '../../store/stats/families.ts';
import { splitStatKey } from '../../store/stats/family.ts';
import { statsRepository } from '../../store/stats/stats.repository.ts';
import type { App } from '../context.ts';
import { inTransaction } from '../context.ts';
import { noteRegionsChanged, onRegionsChanged, onRegionsDeferred } from '../region-changes.ts';

const today = () => new Date().toISOString().slice(0, 10);

// Every transaction that changed records brings the figures of the regions it touched up to date before it commits.
onRegionsChanged((trx, c) => statsRepository.applyChanges(trx, c.recount, STATS_FAMILIES, today(), c.deltas));
// A bulk load queues its regions durably per batch and has them recounted once when it ends.
onRegionsDeferred((trx, codes) => statsRepository.addPending(trx, codes));

/**
 * Recounts the regions bulk loads have queued: at the end of each load, and at start-up after a
 * load that was killed, so the figures always come back to what the records say.
 */
export async function catchUpStats(app: App): Promise<{ regions: number }> {
  const r = await inTransaction(app, async (trx) => {
    const codes = await statsRepository.takePending(trx);
    noteRegionsChanged(trx, codes);
    return { regions: codes.length };
  });
  await foldStatsDifferences(app);
  return r;
}

/**
 * Adds the differences person edits logged into the figures. Every read of the figures calls it
 * first, so a read sees every committed edit; the server also calls it every second, so the log
 * stays short.
 */
export async function foldStatsDifferences(app: App): Promise<number> {
  if (!(await statsRepository.hasDifferences(app.database.db))) return 0;
  return inTransaction(app, (trx) => statsRepository.foldDifferences(trx, today()));
}

/** Folds the log of differences every `intervalMs` until stopped; a failed fold is retried at the next tick. */
export function keepFoldingStats(app: App, intervalMs = 1000, onError: (e: unknown) => void = () => {}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => foldStatsDifferences(app)).catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export interface StatsDifference {
  region: string;
  indicator: string;
  maintained: number;
  recounted: number;
}

/** Recounts every indicator from the records and compares with the maintained figures; they must agree exactly. */
export async function verifyStats(app: App): Promise<{ ok: boolean; checked: number; differences: StatsDifference[] }> {
  await catchUpStats(app);
  return app.database.db.transaction().execute(async (trx) => {
    const { totals } = await statsRepository.recountAll(trx, STATS_FAMILIES);
    const kept = await statsRepository.readAllTotals(trx);
    const differences: StatsDifference[] = [];
    for (const k of new Set([...totals.keys(), ...kept.keys()])) {
      const a = kept.get(k) ?? 0;
      const b = totals.get(k) ?? 0;
      if (a !== b) {
        const [region, indicator] = splitStatKey(k);
        differences.push({ region, indicator, maintained: a, recounted: b });
      }
    }
    return { ok: differences.length === 0, checked: totals.size, differences: differences.slice(0, 1000) };
  });
}

/** Rebuilds every figure from the records (after a restore, or to start keeping figures for old data). */
export async function rebuildStats(app: App): Promise<{ regions: number; values: number }> {
  return inTransaction(app, async (trx) => {
    const { own, totals } = await statsRepository.recountAll(trx, STATS_FAMILIES);
    await statsRepository.replaceAll(trx, own, totals, today());
    return { regions: own.size, values: totals.size };
  });
}
