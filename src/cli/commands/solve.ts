import type { Command } from 'commander';
import { registerSolveAssignment } from './solve-assignment.ts';
import { registerSolveTransport } from './solve-transport.ts';

export function registerSolve(program: Command): void {
  const solve = program.command('solve').description('Run a solver on a JSON problem (stdin when no file), for checks against other solvers');
  registerSolveAssignment(solve);
  registerSolveTransport(solve);
}
