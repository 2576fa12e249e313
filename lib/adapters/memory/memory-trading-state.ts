import type { TradingStatus } from '../../risk/trading-state.ts';
import type { RiskFacts, TradingStateStore } from '../../ports/trading-state.port.ts';
import { instant, toJsonb } from './memory-json.ts';
import { closedSince, firstAtLeast, type MemoryTradingTables } from './memory-trading-tables.ts';

const JSON_START = /^[\s{["\-0-9tfn]/;

/** Reads the state row's `reason` as Postgres's store does: JSON with cause, message and inputs, or plain text. */
export function stateMeta(reason: string): { cause?: TradingStatus['cause']; message?: string; inputs?: TradingStatus['inputs'] } {
  // Text no JSON value can start with skips the parse and its exception (load runs every tick).
  if (!JSON_START.test(reason)) return { message: reason };
  try {
    return JSON.parse(reason) as ReturnType<typeof stateMeta>;
  } catch {
    return { message: reason };
  }
}

/** The trading state, its history and the risk facts, over the tables the in-memory trading store writes. */
export class MemoryTradingStateStore implements TradingStateStore {
  constructor(private readonly t: MemoryTradingTables) {}

  async load(): Promise<{ status: TradingStatus; equityHighWaterUsd: number | null }> {
    const r = this.t.tradingState;
    const meta = stateMeta(r.reason);
    return {
      status: { state: r.state, cause: meta.cause ?? 'initial', message: meta.message ?? '', since: r.changedAt, until: r.until, inputs: meta.inputs ?? {} },
      equityHighWaterUsd: r.equityHighWaterUsd,
    };
  }

  async save(status: TradingStatus, transitions: readonly TradingStatus[], hwm: number, by: string, token: number | null): Promise<void> {
    const t = this.t;
    const row = {
      state: status.state,
      reason: JSON.stringify({ cause: status.cause, message: status.message, inputs: status.inputs }),
      changedBy: transitions.length ? by : 'system',
      changedAt: instant(status.since),
      until: status.until === null ? null : instant(status.until),
      equityHighWaterUsd: hwm,
    };
    let from: string = t.tradingState.state;
    const history = transitions.map((x) => {
      const h = { at: instant(x.since), fromState: from, toState: x.state, reason: x.message, changedBy: by };
      from = x.state;
      return h;
    });
    const audit = transitions.map((x) => ({
      at: instant(x.since), actor: by, action: `state.${x.state.toLowerCase()}`, subject: 'trading', reason: x.message, data: toJsonb({ cause: x.cause, until: x.until, inputs: x.inputs }),
    }));
    t.fences.pass(token);
    t.tradingState = row;
    for (const h of history) t.stateHistory.push({ ...h, id: ++t.seq.history });
    t.appendAudit(audit);
  }

  async resetHighWater(equityUsd: number, by: string, at: number, token: number | null): Promise<void> {
    const t = this.t;
    const entry = { at: instant(at), actor: by, action: 'risk.high_water_reset', subject: 'trading', reason: `equity high-water mark reset to ${equityUsd.toFixed(2)}`, data: toJsonb({ equityUsd }) };
    t.fences.pass(token);
    t.tradingState.equityHighWaterUsd = equityUsd;
    t.appendAudit([entry]);
  }

  async riskFacts(dayStart: number, now: number, cooldownMinutes: number): Promise<RiskFacts> {
    const t = this.t;
    let realized = 0;
    for (const r of closedSince(t, instant(dayStart))) realized += r.pnlUsd ?? 0;
    const recentExits = closedSince(t, instant(now - cooldownMinutes * 60_000)).map((r) => ({ symbol: r.symbol, exitedAt: r.exitAt! }));
    const entriesPerStory: Record<string, number> = {};
    for (let n = firstAtLeast(t.storyEntries, instant(dayStart), (r) => r.createdAt); n < t.storyEntries.length; n++) {
      const r = t.storyEntries[n]!;
      if (r.status === 'rejected' || r.status === 'failed') continue;
      const key = String(r.storyId);
      entriesPerStory[key] = (entriesPerStory[key] ?? 0) + 1;
    }
    return { realizedPnlTodayUsd: realized, recentExits, entriesPerStory };
  }
}
