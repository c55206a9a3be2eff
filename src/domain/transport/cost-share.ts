/**
 * Splits a vehicle's cost among the passengers who rode it, exactly in fen: each pays
 * ⌊cost ÷ n⌋ and the remainder goes one fen each to the lowest seat numbers, so the shares add up
 * to the cost to the fen and no two shares differ by more than one fen.
 */
export function seatShares(costFen: number, seats: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  const n = seats.length;
  if (n === 0) return out;
  if (!Number.isSafeInteger(costFen) || costFen < 0) throw new RangeError(`cost must be whole fen, got ${costFen}`);
  const base = Math.floor(costFen / n);
  let rest = costFen - base * n;
  for (const s of [...seats].sort((a, b) => a - b)) {
    out.set(s, base + (rest > 0 ? 1 : 0));
    if (rest > 0) rest--;
  }
  return out;
}
