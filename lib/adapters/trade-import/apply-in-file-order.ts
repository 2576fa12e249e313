import type { Fill } from '../../domain/orders.ts';
import { applyFills, type FillContext, type RoundTrip } from '../../domain/round-trips.ts';

/**
 * `applyFills` over fills already checked to be in time order, keeping the file's order between fills of
 * one symbol at one instant: `applyFills` orders those by id, and a CSV fill's id is a hash, so an exit and
 * the next entry stamped the same second could otherwise swap and merge two trades into one. Returns the
 * trips closed, oldest first, then the trips still open, one per symbol.
 */
export function applyInFileOrder(open: readonly RoundTrip[], fills: readonly Fill[], contextOf: (f: Fill) => FillContext): RoundTrip[] {
  const current = new Map(open.map((t) => [t.symbol, t]));
  const closed: RoundTrip[] = [];
  let chunk: Fill[] = [];
  let seen = new Set<string>();
  const run = () => {
    for (const t of applyFills([...current.values()], chunk, contextOf)) {
      if (t.exitAt === null) current.set(t.symbol, t);
      else {
        // A symbol's closed trip comes before the one its last fill opened, if any.
        closed.push(t);
        current.delete(t.symbol);
      }
    }
    chunk = [];
    seen = new Set();
  };
  for (const f of fills) {
    const key = `${f.at}|${f.symbol}`;
    if (seen.has(key)) run();
    seen.add(key);
    chunk.push(f);
  }
  if (chunk.length) run();
  return [...closed, ...current.values()];
}
