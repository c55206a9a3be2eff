import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { solveTransportJson } from '../../app/solvers/transport-json.ts';
import { isDomainError } from '../../domain/errors.ts';
import { parseJsonText, readStdin } from '../read-input.ts';

/** Adds `solve transport [file]`: plans point-to-point trips for a JSON problem and prints the plan as JSON. */
export function registerSolveTransport(solve: Command): void {
  solve
    .command('transport [file]')
    .description(
      'Plan point-to-point trips at least cost. Input {"travelers":[{id,origin,destination,earliest,latest}],' +
        '"vehicles":[{type,capacity,cost}]}; output {"trips":[{type,date,origin,destination,travelers}],"cost","lowerBound"}',
    )
    .action(async (file: string | undefined) => {
      try {
        let text: string;
        try {
          text = file === undefined || file === '-' ? await readStdin() : await readFile(file, 'utf8');
        } catch (e) {
          throw new Error(`cannot read ${file ?? 'stdin'}: ${(e as Error).message}`);
        }
        const result = solveTransportJson(parseJsonText(text, file ?? '(stdin)'));
        process.stdout.write(`${JSON.stringify(result)}\n`);
      } catch (e) {
        if (isDomainError(e) && e.issues.length > 0) {
          process.stderr.write(`error [${e.code}]: the input is not valid\n`);
          for (const i of e.issues) process.stderr.write(`  ${i.field}: ${i.message} (${i.code})\n`);
          if (e.message.includes('problems, the first')) process.stderr.write(`  ${e.message.slice(0, e.message.indexOf(':'))}\n`);
        } else {
          process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        }
        process.exitCode = 2;
      }
    });
}
