import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { solveTransportJson } from '../../app/solvers/transport-json.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses JSON text, turning a syntax error into a validation error that names the source. */
function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw DomainError.invalid([{ field: source, code: 'json', message: `is not valid JSON (${(e as Error).message})` }]);
  }
}

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
        const result = solveTransportJson(parseJson(text, file ?? '(stdin)'));
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
