import type pg from 'pg';
import type { TradingStatus } from '../../../risk/trading-state.ts';
import type { RiskFacts, TradingStateStore } from '../../../ports/trading-state.port.ts';
import { inTransaction } from '../pool.ts';
import { fence } from '../fence.ts';
import { insertAudit } from './audit.repo.ts';

const ts = (ms: number) => new Date(ms).toISOString();

/** The trading state row (with its cause and inputs in `reason`), its history, and the risk facts from our tables. */
export class PgTradingStateStore implements TradingStateStore {
  constructor(private readonly pool: pg.Pool) {}

  async load(): Promise<{ status: TradingStatus; equityHighWaterUsd: number | null }> {
    const { rows } = await this.pool.query(`SELECT state, reason, changed_at, until, equity_high_water_usd FROM trading_state WHERE id = 1`);
    const r = rows[0];
    let meta: { cause?: TradingStatus['cause']; message?: string; inputs?: TradingStatus['inputs'] } = {};
    try {
      meta = JSON.parse(r.reason) as typeof meta;
    } catch {
      meta = { message: r.reason };
    }
    return {
      status: { state: r.state, cause: meta.cause ?? 'initial', message: meta.message ?? '', since: r.changed_at.getTime(), until: r.until?.getTime() ?? null, inputs: meta.inputs ?? {} },
      equityHighWaterUsd: r.equity_high_water_usd,
    };
  }

  async save(status: TradingStatus, transitions: readonly TradingStatus[], hwm: number, by: string, token: number | null): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await fence(c, token);
      const prev = (await c.query(`SELECT state FROM trading_state WHERE id = 1 FOR UPDATE`)).rows[0]?.state as string;
      await c.query(`UPDATE trading_state SET state = $1, reason = $2, changed_by = $3, changed_at = $4, until = $5, equity_high_water_usd = $6 WHERE id = 1`, [
        status.state,
        JSON.stringify({ cause: status.cause, message: status.message, inputs: status.inputs }),
        transitions.length ? by : 'system',
        ts(status.since),
        status.until === null ? null : ts(status.until),
        hwm,
      ]);
      let from = prev;
      for (const t of transitions) {
        await c.query(`INSERT INTO trading_state_history (at, from_state, to_state, reason, changed_by) VALUES ($1, $2, $3, $4, $5)`, [ts(t.since), from, t.state, t.message, by]);
        from = t.state;
      }
      await insertAudit(
        c,
        transitions.map((t) => ({ at: t.since, actor: by, action: `state.${t.state.toLowerCase()}`, subject: 'trading', reason: t.message, data: { cause: t.cause, until: t.until, inputs: t.inputs } })),
      );
    });
  }

  async resetHighWater(equityUsd: number, by: string, at: number, token: number | null): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await fence(c, token);
      await c.query(`UPDATE trading_state SET equity_high_water_usd = $1 WHERE id = 1`, [equityUsd]);
      await insertAudit(c, [{ at, actor: by, action: 'risk.high_water_reset', subject: 'trading', reason: `equity high-water mark reset to ${equityUsd.toFixed(2)}`, data: { equityUsd } }]);
    });
  }

  async riskFacts(dayStart: number, now: number, cooldownMinutes: number): Promise<RiskFacts> {
    // In a stated order: a float sum in heap order can differ between two runs of the same data.
    const { rows } = await this.pool.query(
      `SELECT
         (SELECT coalesce(sum(pnl_usd ORDER BY exit_at, id), 0) FROM trades WHERE exit_at >= $1)::float8 AS realized,
         (SELECT coalesce(json_agg(json_build_object('symbol', symbol, 'exitedAt', (extract(epoch FROM exit_at) * 1000)::bigint) ORDER BY exit_at, id), '[]'::json)
            FROM trades WHERE exit_at >= $2) AS exits,
         (SELECT coalesce(json_object_agg(story, n), '{}'::json) FROM (
            SELECT story_id::text AS story, count(*) AS n FROM intents
            WHERE kind = 'entry' AND story_id IS NOT NULL AND status NOT IN ('rejected', 'failed') AND created_at >= $1 GROUP BY story_id) s) AS per_story`,
      [ts(dayStart), ts(now - cooldownMinutes * 60_000)],
    );
    const r = rows[0];
    return { realizedPnlTodayUsd: r.realized, recentExits: r.exits.map((e: { symbol: string; exitedAt: string | number }) => ({ symbol: e.symbol, exitedAt: Number(e.exitedAt) })), entriesPerStory: Object.fromEntries(Object.entries(r.per_story as Record<string, string | number>).map(([k, v]) => [k, Number(v)])) };
  }
}
