import type { Command } from 'commander';
import { runMatch } from '../../app/matching/match-run.ts';
import { SYSTEM_ACTOR } from '../../domain/access/actor.ts';
import { output, withApp } from '../context.ts';

const n = (x: number) => x.toLocaleString('en');

/** Adds `match run`: batch assignment of a region's people to its open postings. */
export function registerMatch(program: Command): void {
  const match = program.command('match').description('Matching of people to postings');
  match
    .command('run')
    .description('Assign the people of a region looking for work to its open postings for the maximum total score (exact); prints a summary, writes referrals only with --commit')
    .requiredOption('--region <code>', 'region code (2–12 digits)')
    .option('--commit', 'create the referrals (state recommended) in one transaction; without it nothing changes')
    .option('--max-arcs <n>', 'best postings kept per person in the candidate graph', '100')
    .option('--worker', 'build and solve in a worker thread even for a small region')
    .action(async (o: { region: string; commit?: boolean; maxArcs: string; worker?: boolean }, cmd: Command) =>
      withApp(cmd, async (app, opts) => {
        const maxArcs = Number(o.maxArcs);
        const s = await runMatch(app, SYSTEM_ACTOR, { region: o.region, commit: !!o.commit, maxArcsPerPerson: Number.isInteger(maxArcs) && maxArcs > 0 ? maxArcs : 100, worker: o.worker ? true : undefined });
        const { assignments, ...summary } = s;
        output(opts, { ...summary, assignments }, () => {
          const gain = s.greedyScore > 0 ? ((s.totalScore - s.greedyScore) / s.greedyScore) * 100 : 0;
          return [
            `Match run ${s.runId} for region ${s.region} on ${s.on}${s.committed ? '' : ' (dry run: nothing written)'}`,
            `  people       ${n(s.people)} looking for work${s.peopleWithOpenReferrals ? ` (${n(s.peopleWithOpenReferrals)} more have an open referral and were left out)` : ''}`,
            `  postings     ${n(s.postings)} open, ${n(s.places)} places`,
            `  arcs         ${n(s.arcs)}`,
            `  assigned     ${n(s.assigned)}`,
            `  total score  ${n(s.totalScore)}${s.provenOptimal ? ' (proven optimal)' : ''}; greedy ${n(s.greedyScore)} (+${gain.toFixed(2)}%)`,
            `  solve time   ${n(s.solveMs)} ms (graph ${n(s.graphMs)} ms${s.worker ? ', in a worker thread' : ''})`,
            ...(s.committed ? [`  referrals    ${n(s.referralsCreated)} created`] : []),
          ].join('\n');
        });
      }),
    );
}
