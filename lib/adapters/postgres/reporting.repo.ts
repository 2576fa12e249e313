import type pg from 'pg';
import type { EpochMs } from '../../domain/time.ts';
import type { ClosedTrade, EquityPoint } from '../../domain/performance.ts';
import { tradeFees } from '../../domain/fees.ts';
import { newYorkDate } from '../../domain/calendar/new-york-time.ts';

const ts = (ms: number) => new Date(ms).toISOString();
const ms = (d: Date | null) => (d === null ? null : d.getTime());

export interface TradeFilter {
  symbol?: string;
  from?: EpochMs;
  to?: EpochMs;
  status?: 'open' | 'closed' | 'all';
  exitReason?: string;
  /** Keyset pagination: trades with id below this. */
  beforeId?: number;
  limit: number;
}

/** Read-only queries behind the reporting functions (the dashboard's API). */
export class PgReportingReader {
  constructor(private readonly pool: pg.Pool) {}

  /** The trading state; `reason` is the readable message (the row keeps it with its cause and inputs as JSON). */
  async tradingState() {
    const { rows } = await this.pool.query(`SELECT state, reason, changed_by, changed_at, until FROM trading_state WHERE id = 1`);
    const r = rows[0];
    if (!r) return null;
    let meta: { cause?: string; message?: string } = {};
    try {
      meta = JSON.parse(r.reason as string) as typeof meta;
    } catch {
      meta = { message: r.reason as string };
    }
    return { state: r.state as string, reason: meta.message ?? '', cause: meta.cause ?? null, changedBy: r.changed_by as string, changedAt: ms(r.changed_at), until: ms(r.until) };
  }

  async latestAccount() {
    const { rows } = await this.pool.query(`SELECT * FROM account_snapshots ORDER BY at DESC LIMIT 1`);
    const r = rows[0];
    return r ? { at: ms(r.at)!, equity: r.equity as number, cash: r.cash as number, buyingPower: r.buying_power as number, lastEquity: r.last_equity as number, longMarketValue: r.long_market_value as number, shortMarketValue: r.short_market_value as number } : null;
  }

  async positions() {
    const { rows } = await this.pool.query(
      `SELECT p.*, i.reason AS entry_reason, i.signal_id, i.story_id, i.news_item_id, t.id AS trade_id
       FROM positions p LEFT JOIN intents i ON i.id = p.entry_intent_id
       LEFT JOIN trades t ON t.symbol = p.symbol AND t.exit_at IS NULL
       ORDER BY p.symbol`,
    );
    return rows.map((r) => ({
      symbol: r.symbol, side: r.side, qty: r.qty, avgEntryPrice: r.avg_entry_price, currentPrice: r.current_price, unrealizedPl: r.unrealized_pl,
      openedAt: ms(r.opened_at), plan: r.plan, adopted: r.adopted, entryReason: r.entry_reason, tradeId: r.trade_id === null ? null : Number(r.trade_id),
    }));
  }

  async orders(filter: { status?: string; symbol?: string; limit: number }) {
    const { rows } = await this.pool.query(
      `SELECT o.*, i.kind AS intent_kind, i.reason AS intent_reason FROM orders o LEFT JOIN intents i ON i.id = o.intent_id
       WHERE ($1::text IS NULL OR o.status = $1) AND ($2::text IS NULL OR o.symbol = $2) ORDER BY o.created_at DESC LIMIT $3`,
      [filter.status ?? null, filter.symbol ?? null, filter.limit],
    );
    return rows.map((r) => ({
      id: r.id, clientOrderId: r.client_order_id, parentId: r.parent_id, symbol: r.symbol, side: r.side, type: r.type, timeInForce: r.time_in_force,
      orderClass: r.order_class, status: r.status, qty: r.qty, filledQty: r.filled_qty, filledAvgPrice: r.filled_avg_price, limitPrice: r.limit_price,
      stopPrice: r.stop_price, createdAt: ms(r.created_at), updatedAt: ms(r.updated_at), adopted: r.adopted, intentKind: r.intent_kind, intentReason: r.intent_reason,
    }));
  }

  async trades(f: TradeFilter) {
    const { rows } = await this.pool.query(
      `SELECT * FROM trades WHERE ($1::text IS NULL OR symbol = $1) AND ($2::timestamptz IS NULL OR entry_at >= $2) AND ($3::timestamptz IS NULL OR entry_at < $3)
         AND ($4::text = 'all' OR ($4 = 'open' AND exit_at IS NULL) OR ($4 = 'closed' AND exit_at IS NOT NULL))
         AND ($5::text IS NULL OR exit_reason = $5) AND ($6::bigint IS NULL OR id < $6)
       ORDER BY id DESC LIMIT $7`,
      [f.symbol ?? null, f.from === undefined ? null : ts(f.from), f.to === undefined ? null : ts(f.to), f.status ?? 'all', f.exitReason ?? null, f.beforeId ?? null, f.limit + 1],
    );
    const page = rows.slice(0, f.limit).map((r) => ({
      id: Number(r.id), symbol: r.symbol, side: r.side, qty: r.max_qty, entryAt: ms(r.entry_at), entryPrice: r.entry_price, exitAt: ms(r.exit_at), exitPrice: r.exit_price,
      openQty: r.open_qty, pnlUsd: r.pnl_usd, rMultiple: r.r_multiple, exitReason: r.exit_reason, adopted: r.adopted, imported: r.imported_from !== null && r.imported_from !== undefined,
    }));
    return { trades: page, nextBeforeId: rows.length > f.limit ? page.at(-1)!.id : null };
  }

  async closedTrades(from: EpochMs): Promise<ClosedTrade[]> {
    const { rows } = await this.pool.query(
      `SELECT exit_at, pnl_usd, r_multiple, symbol, side, entry_price, entry_qty, exit_price, exit_qty FROM trades WHERE exit_at IS NOT NULL AND exit_at >= $1 ORDER BY exit_at, id`,
      [ts(from)],
    );
    // Fees are estimated from the trade (Alpaca posts crypto fees at the end of the day and equity regulatory fees only on confirmations).
    return rows.map((r) => ({
      exitAt: r.exit_at.getTime(),
      exitDate: newYorkDate(r.exit_at.getTime()),
      pnlUsd: r.pnl_usd ?? 0,
      rMultiple: r.r_multiple,
      feesUsd: tradeFees({ symbol: r.symbol, side: r.side, entryPrice: r.entry_price, entryQty: r.entry_qty || r.exit_qty, exitPrice: r.exit_price ?? r.entry_price, exitQty: r.exit_qty }),
    }));
  }

  /** The equity curve, at most `maxPoints` evenly thinned points (the last one always kept). */
  async equity(from: EpochMs, maxPoints: number): Promise<EquityPoint[]> {
    const { rows } = await this.pool.query(
      `WITH pts AS (SELECT at, equity, row_number() OVER (ORDER BY at) AS n, count(*) OVER () AS total FROM account_snapshots WHERE at >= $1)
       SELECT at, equity FROM pts WHERE total <= $2 OR n % ceil(total::float8 / $2)::int = 0 OR n = total ORDER BY at`,
      [ts(from), maxPoints],
    );
    return rows.map((r) => ({ at: r.at.getTime(), date: newYorkDate(r.at.getTime()), equity: r.equity }));
  }

  async latestCycleWithCandidates(): Promise<number | null> {
    const { rows } = await this.pool.query(`SELECT max(cycle_id) AS id FROM candidates`);
    return rows[0]?.id === null || rows[0]?.id === undefined ? null : Number(rows[0].id);
  }

  async candidates(cycleId: number) {
    const { rows } = await this.pool.query(
      `SELECT c.*, s.id AS signal_id, s.direction AS signal_direction, s.score AS signal_score, s.explanation
       FROM candidates c LEFT JOIN signals s ON s.cycle_id = c.cycle_id AND s.symbol = c.symbol WHERE c.cycle_id = $1 ORDER BY c.rank`,
      [cycleId],
    );
    return rows.map((r) => ({
      id: Number(r.id), cycleId: Number(r.cycle_id), at: ms(r.at), symbol: r.symbol, rank: r.rank, score: r.score, blocked: r.blocked, features: r.features, reasons: r.reasons,
      newsItemIds: (r.news_item_ids as string[]).map(Number),
      signal: r.signal_id === null ? null : { id: Number(r.signal_id), direction: r.signal_direction, score: r.signal_score, explanation: r.explanation },
    }));
  }

  async news(filter: { symbol?: string; knownAt: EpochMs; limit: number }) {
    const { rows } = await this.pool.query(
      `SELECT * FROM (SELECT DISTINCT ON (source, source_id) * FROM news_items WHERE received_at <= $1 AND ($2::text IS NULL OR $2 = ANY(symbols))
         ORDER BY source, source_id, version DESC) latest ORDER BY published_at DESC LIMIT $3`,
      [ts(filter.knownAt), filter.symbol ?? null, filter.limit],
    );
    return rows.map((r) => ({
      id: Number(r.id), storyId: Number(r.story_id), source: r.source, headline: r.headline, summary: r.summary, url: r.url, symbols: r.symbols, publishedAt: ms(r.published_at),
      receivedAt: ms(r.received_at), version: ms(r.version), sentiment: { score: r.sentiment_score, label: r.sentiment_label }, catalyst: r.catalyst_type, blocksLong: r.catalyst_blocks_long, delayed: r.delayed,
      // Each linked company's own reading (role, direction, analyst action); [] for items stored before it.
      companies: (r.analysis as { companies?: unknown[] } | null)?.companies ?? [],
    }));
  }

  async cycles(limit: number) {
    const { rows } = await this.pool.query(`SELECT * FROM cycles ORDER BY id DESC LIMIT $1`, [limit]);
    return rows.map((r) => ({
      id: Number(r.id), startedAt: ms(r.started_at), finishedAt: ms(r.finished_at), mode: r.mode, marketPhase: r.market_phase, status: r.status, stages: r.stages, counts: r.counts, errors: r.errors,
    }));
  }

  /** Fills for chart markers; a bracket's take-profit or stop-loss leg is an exit although its intent is the entry. */
  async fills(symbol: string, from: EpochMs, to: EpochMs) {
    const { rows } = await this.pool.query(
      `SELECT f.*, o.intent_id, o.parent_id, o.type AS order_type, i.kind, i.exit_reason FROM fills f LEFT JOIN orders o ON o.id = f.order_id LEFT JOIN intents i ON i.id = o.intent_id
       WHERE f.symbol = $1 AND f.at >= $2 AND f.at < $3 ORDER BY f.at`,
      [symbol, ts(from), ts(to)],
    );
    return rows.map((r) => {
      const leg = r.parent_id ? (r.order_type === 'limit' ? 'take_profit' : 'stop_loss') : null;
      return { id: r.id, at: r.at.getTime(), side: r.side, qty: r.qty, price: r.price, kind: leg ? 'exit' : (r.kind ?? 'external'), exitReason: r.exit_reason ?? leg };
    });
  }

  /** The whole chain behind one trade: news item and version → candidate → signal → risk checks → orders → fills → exit. */
  async tradeAudit(tradeId: number) {
    const trade = (await this.pool.query(`SELECT * FROM trades WHERE id = $1`, [tradeId])).rows[0];
    if (!trade) return null;
    const intentIds = [trade.entry_intent_id, trade.exit_intent_id].filter((x) => x !== null);
    const [intents, fills] = await Promise.all([
      this.pool.query(`SELECT * FROM intents WHERE id = ANY($1::bigint[]) ORDER BY id`, [intentIds]),
      this.pool.query(`SELECT f.*, o.client_order_id, o.type, o.parent_id FROM fills f JOIN orders o ON o.id = f.order_id WHERE f.id = ANY($1::text[]) ORDER BY f.at`, [trade.fill_ids]),
    ]);
    const entry = intents.rows.find((i) => Number(i.id) === Number(trade.entry_intent_id));
    const signal = entry?.signal_id ? (await this.pool.query(`SELECT * FROM signals WHERE id = $1`, [entry.signal_id])).rows[0] : undefined;
    const candidate = signal?.candidate_id ? (await this.pool.query(`SELECT * FROM candidates WHERE id = $1`, [signal.candidate_id])).rows[0] : undefined;
    const newsIds: number[] = candidate ? (candidate.news_item_ids as string[]).map(Number) : entry?.news_item_id ? [Number(entry.news_item_id)] : [];
    const news = newsIds.length ? (await this.pool.query(`SELECT * FROM news_items WHERE id = ANY($1::bigint[])`, [newsIds])).rows : [];
    const orders = (await this.pool.query(`SELECT * FROM orders WHERE intent_id = ANY($1::bigint[]) ORDER BY created_at`, [intentIds])).rows;
    return {
      trade: { id: Number(trade.id), symbol: trade.symbol, side: trade.side, qty: trade.max_qty, entryAt: ms(trade.entry_at), entryPrice: trade.entry_price, exitAt: ms(trade.exit_at), exitPrice: trade.exit_price, pnlUsd: trade.pnl_usd, rMultiple: trade.r_multiple, exitReason: trade.exit_reason, adopted: trade.adopted },
      news: news.map((n) => ({ id: Number(n.id), storyId: Number(n.story_id), source: n.source, sourceId: n.source_id, version: ms(n.version), headline: n.headline, publishedAt: ms(n.published_at), receivedAt: ms(n.received_at), sentiment: { score: n.sentiment_score, label: n.sentiment_label }, catalyst: n.catalyst_type, analysis: n.analysis })),
      candidate: candidate ? { id: Number(candidate.id), cycleId: Number(candidate.cycle_id), rank: candidate.rank, score: candidate.score, features: candidate.features, reasons: candidate.reasons } : null,
      signal: signal ? { id: Number(signal.id), direction: signal.direction, score: signal.score, explanation: signal.explanation, inputs: signal.inputs } : null,
      entry: entry ? { id: Number(entry.id), clientOrderId: entry.client_order_id, reason: entry.reason, request: entry.request, risk: entry.risk, plan: entry.plan, status: entry.status, outcome: entry.outcome } : null,
      exit: intents.rows.filter((i) => Number(i.id) === Number(trade.exit_intent_id)).map((i) => ({ id: Number(i.id), clientOrderId: i.client_order_id, reason: i.reason, exitReason: i.exit_reason, request: i.request, status: i.status }))[0] ?? null,
      orders: orders.map((o) => ({ id: o.id, clientOrderId: o.client_order_id, parentId: o.parent_id, type: o.type, side: o.side, status: o.status, qty: o.qty, filledQty: o.filled_qty, filledAvgPrice: o.filled_avg_price, limitPrice: o.limit_price, stopPrice: o.stop_price })),
      fills: fills.rows.map((f) => ({ id: f.id, at: ms(f.at), side: f.side, qty: f.qty, price: f.price, orderType: f.type, leg: f.parent_id ? (f.type === 'limit' ? 'take_profit' : 'stop_loss') : 'parent' })),
    };
  }

  async metrics() {
    const { rows } = await this.pool.query(`
      SELECT
        (SELECT count(*) FROM positions)::int AS open_positions,
        (SELECT count(*) FROM trades WHERE exit_at IS NOT NULL)::int AS closed_trades,
        (SELECT coalesce(sum(pnl_usd), 0) FROM trades WHERE exit_at IS NOT NULL)::float8 AS realized_pnl,
        (SELECT count(*) FROM intents WHERE status IN ('pending', 'submitted', 'unresolved'))::int AS unsettled_intents,
        (SELECT count(*) FROM news_items)::int AS news_items,
        (SELECT count(*) FROM cycles WHERE status = 'failed')::int AS failed_cycles,
        (SELECT count(*) FROM cycles)::int AS cycles,
        (SELECT extract(epoch FROM max(finished_at)) FROM cycles WHERE status IN ('ok', 'partial'))::float8 AS last_ok_cycle,
        (SELECT equity FROM account_snapshots ORDER BY at DESC LIMIT 1)::float8 AS equity,
        (SELECT state FROM trading_state WHERE id = 1) AS state`);
    return rows[0] as { open_positions: number; closed_trades: number; realized_pnl: number; unsettled_intents: number; news_items: number; failed_cycles: number; cycles: number; last_ok_cycle: number | null; equity: number | null; state: string };
  }
}
