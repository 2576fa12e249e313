import type pg from 'pg';
import type { Asset } from '../../domain/market.ts';
import type { Candidate } from '../../strategy/scanner/rank.ts';
import type { AnalysisStore, SignalRecord, StoredCandidate, StoredSignal, SymbolStats } from '../../ports/analysis-store.port.ts';

import { readSignalInputs } from './json-columns.ts';

const ts = (ms: number) => new Date(ms).toISOString();

interface AssetRow {
  symbol: string; name: string; exchange: string; asset_class: Asset['assetClass']; status: Asset['status']; tradable: boolean; shortable: boolean;
  easy_to_borrow: boolean; fractionable: boolean; marginable: boolean; min_trade_increment: number; price_increment: number; min_order_size: number;
}
interface CandidateRow {
  id: string; cycle_id: string; at: Date; symbol: string; rank: number; score: number; blocked: boolean;
  features: Candidate['features'] & { direction?: Candidate['direction']; storyIds?: number[] }; reasons: string[]; news_item_ids: string[];
}
interface SignalRow {
  id: string; cycle_id: string; at: Date; symbol: string; direction: SignalRecord['direction']; score: number; explanation: string; inputs: unknown; candidate_id: string | null;
}

const toCandidate = (r: CandidateRow): StoredCandidate => {
  const { direction, storyIds, ...features } = r.features;
  return {
    id: Number(r.id), cycleId: Number(r.cycle_id), at: r.at.getTime(), symbol: r.symbol, rank: r.rank, score: r.score, blocked: r.blocked,
    direction: direction ?? 'long', features, reasons: r.reasons, newsItemIds: r.news_item_ids.map(Number), storyIds: storyIds ?? [],
  };
};
const toSignal = (r: SignalRow): StoredSignal => ({
  id: Number(r.id), cycleId: Number(r.cycle_id), at: r.at.getTime(), symbol: r.symbol, direction: r.direction, score: r.score, explanation: r.explanation,
  inputs: readSignalInputs(r.inputs), candidateId: r.candidate_id === null ? null : Number(r.candidate_id),
});

/** Postgres store of the universe, daily statistics, candidates and signals (one statement per batch). */
export class PgAnalysisStore implements AnalysisStore {
  constructor(private readonly pool: pg.Pool) {}

  async upsertAssets(assets: readonly Asset[], at: number): Promise<number> {
    if (assets.length === 0) return 0;
    const a = assets;
    const res = await this.pool.query(
      `INSERT INTO assets (symbol, name, exchange, asset_class, status, tradable, shortable, easy_to_borrow, fractionable, marginable,
         min_trade_increment, price_increment, min_order_size, updated_at)
       SELECT *, $14::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[], $8::boolean[],
         $9::boolean[], $10::boolean[], $11::float8[], $12::float8[], $13::float8[])
       ON CONFLICT (symbol) DO UPDATE SET name = EXCLUDED.name, exchange = EXCLUDED.exchange, asset_class = EXCLUDED.asset_class,
         status = EXCLUDED.status, tradable = EXCLUDED.tradable, shortable = EXCLUDED.shortable, easy_to_borrow = EXCLUDED.easy_to_borrow,
         fractionable = EXCLUDED.fractionable, marginable = EXCLUDED.marginable, min_trade_increment = EXCLUDED.min_trade_increment,
         price_increment = EXCLUDED.price_increment, min_order_size = EXCLUDED.min_order_size, updated_at = EXCLUDED.updated_at`,
      [
        a.map((x) => x.symbol), a.map((x) => x.name), a.map((x) => x.exchange), a.map((x) => x.assetClass), a.map((x) => x.status), a.map((x) => x.tradable),
        a.map((x) => x.shortable), a.map((x) => x.easyToBorrow), a.map((x) => x.fractionable), a.map((x) => x.marginable), a.map((x) => x.minTradeIncrement),
        a.map((x) => x.priceIncrement), a.map((x) => x.minOrderSize), ts(at),
      ],
    );
    return res.rowCount ?? 0;
  }

  async assets(filter: { tradableOnly?: boolean; symbols?: readonly string[] } = {}): Promise<Asset[]> {
    const { rows } = await this.pool.query<AssetRow>(
      `SELECT * FROM assets WHERE ($1::boolean IS NOT TRUE OR (tradable AND status = 'active')) AND ($2::text[] IS NULL OR symbol = ANY($2)) ORDER BY symbol`,
      [filter.tradableOnly ?? false, filter.symbols ? [...filter.symbols] : null],
    );
    return rows.map((r) => ({
      symbol: r.symbol, name: r.name, exchange: r.exchange, assetClass: r.asset_class, status: r.status, tradable: r.tradable, shortable: r.shortable,
      easyToBorrow: r.easy_to_borrow, fractionable: r.fractionable, marginable: r.marginable, minTradeIncrement: r.min_trade_increment,
      priceIncrement: r.price_increment, minOrderSize: r.min_order_size,
    }));
  }

  async upsertStats(stats: readonly SymbolStats[], at: number): Promise<number> {
    if (stats.length === 0) return 0;
    const s = stats;
    const res = await this.pool.query(
      `INSERT INTO symbol_stats (symbol, as_of, prev_close, avg_volume_20d, avg_dollar_volume_20d, atr_14d, updated_at)
       SELECT *, $7::timestamptz FROM unnest($1::text[], $2::date[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
       ON CONFLICT (symbol) DO UPDATE SET as_of = EXCLUDED.as_of, prev_close = EXCLUDED.prev_close, avg_volume_20d = EXCLUDED.avg_volume_20d,
         avg_dollar_volume_20d = EXCLUDED.avg_dollar_volume_20d, atr_14d = EXCLUDED.atr_14d, updated_at = EXCLUDED.updated_at`,
      [s.map((x) => x.symbol), s.map((x) => x.asOf), s.map((x) => x.prevClose), s.map((x) => x.avgVolume20d), s.map((x) => x.avgDollarVolume20d), s.map((x) => x.atr14d), ts(at)],
    );
    return res.rowCount ?? 0;
  }

  async stats(symbols: readonly string[]): Promise<Map<string, SymbolStats>> {
    const { rows } = await this.pool.query<{ symbol: string; as_of: string; prev_close: number; avg_volume_20d: number; avg_dollar_volume_20d: number; atr_14d: number | null }>(
      `SELECT symbol, as_of::text, prev_close, avg_volume_20d, avg_dollar_volume_20d, atr_14d FROM symbol_stats WHERE symbol = ANY($1::text[])`,
      [[...symbols]],
    );
    return new Map(rows.map((r) => [r.symbol, { symbol: r.symbol, asOf: r.as_of, prevClose: r.prev_close, avgVolume20d: r.avg_volume_20d, avgDollarVolume20d: r.avg_dollar_volume_20d, atr14d: r.atr_14d }]));
  }

  async saveCandidates(cycleId: number, at: number, candidates: readonly Candidate[]): Promise<StoredCandidate[]> {
    if (candidates.length === 0) return [];
    const c = candidates;
    const { rows } = await this.pool.query<CandidateRow>(
      `INSERT INTO candidates (cycle_id, at, symbol, rank, score, blocked, features, reasons, news_item_ids)
       SELECT $1, $2, symbol, rank, score, blocked, features, reasons, ARRAY(SELECT jsonb_array_elements_text(news)::bigint)
       FROM unnest($3::text[], $4::int[], $5::float8[], $6::boolean[], $7::jsonb[], $8::jsonb[], $9::jsonb[]) AS t(symbol, rank, score, blocked, features, reasons, news)
       ON CONFLICT (cycle_id, symbol) DO UPDATE SET rank = EXCLUDED.rank, score = EXCLUDED.score, blocked = EXCLUDED.blocked,
         features = EXCLUDED.features, reasons = EXCLUDED.reasons, news_item_ids = EXCLUDED.news_item_ids
       RETURNING *`,
      [
        cycleId, ts(at), c.map((x) => x.symbol), c.map((x) => x.rank), c.map((x) => x.score), c.map((x) => x.blocked),
        c.map((x) => JSON.stringify({ ...x.features, direction: x.direction, storyIds: x.storyIds })), c.map((x) => JSON.stringify(x.reasons)), c.map((x) => JSON.stringify(x.newsItemIds)),
      ],
    );
    return rows.map(toCandidate).sort((a, b) => a.rank - b.rank);
  }

  async candidatesOf(cycleId: number): Promise<StoredCandidate[]> {
    const { rows } = await this.pool.query<CandidateRow>(`SELECT * FROM candidates WHERE cycle_id = $1 ORDER BY rank`, [cycleId]);
    return rows.map(toCandidate);
  }

  async saveSignals(signals: readonly SignalRecord[]): Promise<StoredSignal[]> {
    if (signals.length === 0) return [];
    const s = signals;
    const { rows } = await this.pool.query<SignalRow>(
      `INSERT INTO signals (cycle_id, at, symbol, direction, score, explanation, inputs, candidate_id)
       SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::jsonb[], $8::bigint[])
       ON CONFLICT (cycle_id, symbol) DO UPDATE SET direction = EXCLUDED.direction, score = EXCLUDED.score, explanation = EXCLUDED.explanation, inputs = EXCLUDED.inputs
       RETURNING *`,
      [s.map((x) => x.cycleId), s.map((x) => ts(x.at)), s.map((x) => x.symbol), s.map((x) => x.direction), s.map((x) => x.score), s.map((x) => x.explanation), s.map((x) => JSON.stringify(x.inputs)), s.map((x) => x.candidateId)],
    );
    return rows.map(toSignal);
  }

  async signalsOf(cycleId: number): Promise<StoredSignal[]> {
    const { rows } = await this.pool.query<SignalRow>(`SELECT * FROM signals WHERE cycle_id = $1 ORDER BY score DESC`, [cycleId]);
    return rows.map(toSignal);
  }

  async latestSignals(symbols: readonly string[], since: number): Promise<Map<string, StoredSignal>> {
    const { rows } = await this.pool.query<SignalRow>(
      `SELECT DISTINCT ON (symbol) * FROM signals WHERE symbol = ANY($1::text[]) AND at >= $2 ORDER BY symbol, at DESC, id DESC`,
      [[...symbols], ts(since)],
    );
    return new Map(rows.map((r) => [r.symbol, toSignal(r)]));
  }
}
