import { DomainError } from '../domain/errors.ts';

/** All of standard input as UTF-8 text, for commands that read a JSON problem from a pipe. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses JSON text, turning a syntax error into a validation error that names the source. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw DomainError.invalid([{ field: source, code: 'json', message: `is not valid JSON (${(e as Error).message})` }]);
  }
}
