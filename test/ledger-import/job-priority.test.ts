import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getImportJob, importJobsSettled, startLedgerImportJob } from '../../src/app/ledger/import/import-jobs.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { createTestApp } from '../support/app.ts';
import { countyVillages, demoRows, writeCsv } from './support.ts';

/** The nice value of each thread of this process, by thread id (Linux keeps one per thread). */
function threadNices(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

describe.runIf(fs.existsSync('/proc/self/task'))('an import started through the server', () => {
  it('runs its threads below the priority of the threads that answer requests', async () => {
    const t = await createTestApp('sqlite');
    try {
      const file = writeCsv(demoRows(await countyVillages(t.app), 4_000, 7));
      const lowered = new Set<number>();
      const before = threadNices();
      const poll = setInterval(() => {
        for (const [tid, nice] of threadNices()) if (nice === 10) lowered.add(tid);
      }, 5);
      const job = await startLedgerImportJob(t.app, SYSTEM_ACTOR, { tempPath: file, fileName: 'ledger.csv', dryRun: false });
      await importJobsSettled();
      clearInterval(poll);
      expect((await getImportJob(t.app, SYSTEM_ACTOR, job.id)).status).toBe('done');
      // The job's thread and the reader thread it starts; no thread that was there before.
      expect(lowered.size).toBeGreaterThanOrEqual(2);
      for (const tid of lowered) expect(before.has(tid)).toBe(false);
      expect(threadNices().get(process.pid)).toBe(before.get(process.pid));
    } finally {
      await t.close();
    }
  });
});
