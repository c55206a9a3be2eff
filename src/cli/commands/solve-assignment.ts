import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { solveAssignmentJson } from '../../app/solvers/assignment-json.ts';
import { isDomainError } from '../../domain/errors.ts';
import { readStdin } from '../read-input.ts';

/** Adds `assignment [file]`: the optimal batch assignment of people to postings, JSON in and out. */
export function registerSolveAssignment(solve: Command): void {
  solve
    .command('assignment')
    .description(
      'Assign people to postings for the maximum total score (exact). Input: {"people": [id…], "postings": [{"id", "capacity"}…], ' +
        '"arcs": [{"person", "posting", "score"}…]}; output: {"total", "assignments": [{"person", "posting"}…]}.',
    )
    .argument('[file]', 'JSON input file; standard input when omitted or "-"')
    .action(async (file: string | undefined) => {
      const fromStdin = file === undefined || file === '-';
      const source = fromStdin ? 'standard input' : file;
      let text: string;
      try {
        text = fromStdin ? await readStdin() : await readFile(file, 'utf8');
      } catch (e) {
        process.stderr.write(`error: cannot read ${source}: ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        process.stderr.write(`error: ${source} is not valid JSON: ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      try {
        const result = solveAssignmentJson(json);
        process.stdout.write(`${JSON.stringify(result)}\n`);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        if (e.issues.length === 0) process.stderr.write(`error: ${e.message}\n`);
        else process.stderr.write(`error: ${source} is not a valid assignment input:\n${e.issues.map((i) => `  ${i.field}: ${i.message}\n`).join('')}`);
        process.exitCode = 2;
      }
    });
}
