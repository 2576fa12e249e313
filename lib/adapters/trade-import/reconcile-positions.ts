import type { Position } from '../../domain/orders.ts';
import type { ImportedPosition } from './trade-import-types.ts';

/** How an imported open position compares with the broker's. */
export interface PositionCheck {
  symbol: string;
  imported: { side: 'long' | 'short'; qty: number } | null;
  broker: { side: 'long' | 'short'; qty: number } | null;
  verdict: 'match' | 'quantity differs' | 'side differs' | 'not at the broker' | 'only at the broker';
}

const EPS = 1e-9;

/**
 * Compares the open positions the imported files describe (summed per symbol) with the broker's. Nothing is
 * changed on either side: the broker is the truth, reconcile adopts what it holds, and every difference is
 * reported for a person to decide.
 */
export function checkOpenPositions(imported: readonly ImportedPosition[], broker: readonly Position[]): PositionCheck[] {
  const net = new Map<string, number>();
  for (const p of imported) net.set(p.symbol, (net.get(p.symbol) ?? 0) + (p.side === 'long' ? p.qty : -p.qty));
  const held = new Map(broker.map((p) => [p.symbol, p.side === 'long' ? p.qty : -p.qty]));
  const out: PositionCheck[] = [];
  for (const symbol of [...new Set([...net.keys(), ...held.keys()])].sort()) {
    const a = net.get(symbol);
    const b = held.get(symbol);
    const view = (q: number | undefined) => (q === undefined || Math.abs(q) < EPS ? null : { side: q > 0 ? ('long' as const) : ('short' as const), qty: Math.abs(q) });
    const imp = view(a);
    const brk = view(b);
    if (!imp && !brk) continue;
    const verdict: PositionCheck['verdict'] = !brk ? 'not at the broker' : !imp ? 'only at the broker' : imp.side !== brk.side ? 'side differs' : Math.abs(imp.qty - brk.qty) > EPS ? 'quantity differs' : 'match';
    out.push({ symbol, imported: imp, broker: brk, verdict });
  }
  return out;
}
