import type { Trade } from '../api/types.ts';

/**
 * The Trades page's CSV export, in the generic format `npm run import:trades` reads
 * (`time,symbol,side,qty,price,fee,order_id`, one fill a line, oldest first): each trade becomes its
 * entry fill and, once closed, its exit fill, so importing the file elsewhere rebuilds the same round trips.
 * A trade shows average prices, so a trade that scaled in or out comes back as one entry and one exit.
 * Its fees are what separates its P&L from the price move, put on the exit so the P&L comes back too.
 * The exit reason and R are not fills and do not travel (imported trades say `unknown`).
 */
export const TRADES_CSV_HEADER = 'time,symbol,side,qty,price,fee,order_id';

interface Row {
  at: number;
  /** Exits before entries at the same instant: a symbol's next trade starts after the last one ended. */
  rank: 0 | 1;
  line: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Fees to the micro-dollar: enough for any commission, and no binary-fraction tail such as 0.30000000000000004. */
const usd = (x: number) => String(Math.round(x * 1e6) / 1e6);

function feesOf(t: Trade): number {
  if (t.exitPrice === null || t.pnlUsd === null) return 0;
  const gross = (t.exitPrice - t.entryPrice) * t.qty * (t.side === 'long' ? 1 : -1);
  return Math.max(0, gross - t.pnlUsd);
}

/** The CSV text of `trades` (any order), ending with a newline. */
export function tradesCsv(trades: readonly Trade[]): string {
  const rows: Row[] = [];
  for (const t of trades) {
    const [open, close] = t.side === 'long' ? ['buy', 'sell'] : ['sell', 'buy'];
    const closed = t.exitAt !== null && t.exitPrice !== null;
    // A trade still open is exported with what it holds now, so the import sees the same open position.
    const entryQty = closed ? t.qty : (t.openQty ?? t.qty);
    rows.push({ at: t.entryAt, rank: 1, line: [iso(t.entryAt), t.symbol, open, entryQty, t.entryPrice, 0, `catalyst-${t.id}-entry`].join(',') });
    if (closed) rows.push({ at: t.exitAt!, rank: 0, line: [iso(t.exitAt!), t.symbol, close, t.qty, t.exitPrice, usd(feesOf(t)), `catalyst-${t.id}-exit`].join(',') });
  }
  rows.sort((a, b) => a.at - b.at || a.rank - b.rank);
  return `${[TRADES_CSV_HEADER, ...rows.map((r) => r.line)].join('\n')}\n`;
}

/** Every trade the filters match, following the keyset pages (newest first, as the API serves them). */
export async function allTrades(page: (beforeId: number | undefined) => Promise<{ trades: Trade[]; nextBeforeId: number | null }>): Promise<Trade[]> {
  const out: Trade[] = [];
  let before: number | undefined;
  for (;;) {
    const p = await page(before);
    out.push(...p.trades);
    if (p.nextBeforeId === null) return out;
    before = p.nextBeforeId;
  }
}
