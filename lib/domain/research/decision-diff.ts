/** An order as a run decided it, keyed by its deterministic client order id; every other field is compared. */
export interface ComparableDecision {
  clientOrderId: string;
  symbol: string;
  submittedAt: number;
}

/** One decision that is not the same in both runs. */
export interface DecisionDifference {
  clientOrderId: string;
  symbol: string;
  /** When it was first decided in either run (epoch ms). */
  at: number;
  kind: 'only-in-full' | 'only-in-truncated' | 'changed';
  /** For 'changed': each differing field, full-history value then truncated-history value. */
  fields: Record<string, [unknown, unknown]>;
}

/**
 * The decisions that differ between a run over the full history and one over history truncated at each
 * decision time: an order only one run placed, or the same order with any field different. Ordered by time.
 */
export function diffDecisions<T extends ComparableDecision>(full: readonly T[], truncated: readonly T[]): DecisionDifference[] {
  const a = new Map(full.map((d) => [d.clientOrderId, d]));
  const b = new Map(truncated.map((d) => [d.clientOrderId, d]));
  const out: DecisionDifference[] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    if (!y) {
      out.push({ clientOrderId: id, symbol: x.symbol, at: x.submittedAt, kind: 'only-in-full', fields: {} });
      continue;
    }
    const fields: Record<string, [unknown, unknown]> = {};
    const [xr, yr] = [x as Record<string, unknown>, y as Record<string, unknown>];
    for (const k of new Set([...Object.keys(xr), ...Object.keys(yr)])) if (xr[k] !== yr[k]) fields[k] = [xr[k], yr[k]];
    if (Object.keys(fields).length) out.push({ clientOrderId: id, symbol: x.symbol, at: Math.min(x.submittedAt, y.submittedAt), kind: 'changed', fields });
  }
  for (const [id, y] of b) if (!a.has(id)) out.push({ clientOrderId: id, symbol: y.symbol, at: y.submittedAt, kind: 'only-in-truncated', fields: {} });
  return out.sort((p, q) => p.at - q.at || (p.clientOrderId < q.clientOrderId ? -1 : 1));
}
