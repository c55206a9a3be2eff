/**
 * The text as a string of its own. Cells come out of the reader as slices of the text chunk they
 * were read from, and a slice keeps its whole chunk alive: anything an import remembers across rows
 * (a household number, a memoized cell) must be copied, or a long file stays in memory chunk by chunk.
 */
export function ownString(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}
