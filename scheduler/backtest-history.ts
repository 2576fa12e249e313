import type pg from 'pg';
import type { Asset } from '../lib/domain/market.ts';
import type { IsoDate } from '../lib/domain/time.ts';
import { PgHistoryRepo, type SeriesSummary } from '../lib/adapters/replay/history.repo.ts';
import { loadReplayFeed } from '../lib/adapters/replay/load-replay-feed.ts';
import { loadHistoryAssets } from '../lib/adapters/replay/download/history-assets.repo.ts';
import type { ReplayFeed } from '../lib/adapters/replay/replay-feed.ts';
import { recordSyntheticHistory } from '../lib/adapters/replay/synthetic-history.ts';
import type { SyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { addDays, newYorkDate, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';

/** A problem the user can fix, printed without a stack. */
export class BacktestProblem extends Error {}

const IMPORT_HINT = 'import some with `npm run import:history -- <file-or-folder>` (or download it with `npm run history:download`)';

/** What the database holds, per timeframe: its symbols (the first few) and the dates it spans. */
export function describeStored(series: readonly SeriesSummary[]): string {
  const byTimeframe = new Map<string, SeriesSummary[]>();
  for (const s of series) byTimeframe.set(s.timeframe, [...(byTimeframe.get(s.timeframe) ?? []), s]);
  return [...byTimeframe]
    .map(([tf, list]) => {
      const names = list.map((s) => s.symbol);
      const shown = names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
      const first = newYorkDate(Math.min(...list.map((s) => s.first)));
      const last = newYorkDate(Math.max(...list.map((s) => s.last)));
      return `${tf} bars of ${list.length} symbol(s) (${shown}) from ${first} to ${last}`;
    })
    .join('; ');
}

/**
 * The stored history for sessions [from, to] (with 70 days of context before), or a BacktestProblem that
 * names what IS stored when those sessions have no bars for the symbols asked.
 */
export async function loadStoredHistory(pool: pg.Pool, range: { from: IsoDate; to: IsoDate; symbols?: readonly string[] }): Promise<ReplayFeed> {
  const repo = new PgHistoryRepo(pool);
  const stored = await repo.series().catch((e: unknown) => {
    // 42P01: undefined table, a database nobody imported history into.
    if ((e as { code?: string }).code === '42P01') throw new BacktestProblem(`DATABASE_URL holds no imported history (no history tables yet): ${IMPORT_HINT}`);
    throw e;
  });
  if (stored.length === 0) throw new BacktestProblem(`DATABASE_URL holds no imported history: ${IMPORT_HINT}`);
  const start = newYorkTime(range.from, '00:00');
  const end = newYorkTime(addDays(range.to, 1), '00:00');
  const wanted = range.symbols ? new Set(range.symbols) : null;
  const covering = stored.filter((s) => (!wanted || wanted.has(s.symbol)) && s.last >= start && s.first < end);
  if (covering.length === 0) {
    throw new BacktestProblem(`No stored history between ${range.from} and ${range.to}${range.symbols ? ` for ${range.symbols.join(', ')}` : ''}. Stored: ${describeStored(stored)}. Choose dates and symbols inside that, or ${IMPORT_HINT}`);
  }
  // Asset records stored by `history:download` (names, exchanges): the scanner's universe filters need them.
  const assets: readonly Asset[] = await loadHistoryAssets(pool);
  return loadReplayFeed(repo, { from: newYorkTime(addDays(range.from, -70), '00:00'), to: end, ...(range.symbols ? { symbols: range.symbols } : {}), ...(assets.length ? { assets } : {}) });
}

/** Records the synthetic market as stored history in `pool`'s database, then loads it back like any other history. */
export async function recordedSyntheticHistory(pool: pg.Pool, market: SyntheticMarket, range: { from: IsoDate; to: IsoDate; symbols?: readonly string[] }, say: (line: string) => void): Promise<ReplayFeed> {
  const repo = new PgHistoryRepo(pool);
  const { assets } = await recordSyntheticHistory(repo, market, range, (l) => say(`  ${l}`));
  return loadReplayFeed(repo, { from: newYorkTime(addDays(range.from, -70), '00:00'), to: newYorkTime(addDays(range.to, 1), '00:00'), ...(range.symbols ? { symbols: range.symbols } : {}), assets });
}
