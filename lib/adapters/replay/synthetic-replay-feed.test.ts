import { describe, expect, it } from 'vitest';
import { createSyntheticMarket } from '../sim/market/synthetic-market.ts';
import { addDays, newYorkTime } from '../../domain/calendar/new-york-time.ts';
import { syntheticReplayFeed } from './synthetic-replay-feed.ts';

describe('synthetic market as an in-memory replay feed', () => {
  const market = createSyntheticMarket({ seed: 7, start: addDays('2026-11-16', -70), symbols: 4, crypto: false });

  it('replays_the_sessions_minute_bars_with_daily_context_before_them', () => {
    const feed = syntheticReplayFeed(market, { from: '2026-11-16', to: '2026-11-16' });
    const symbols = market.assets().map((a) => a.symbol);
    expect(feed.assets().map((a) => a.symbol).sort()).toEqual([...symbols].sort());
    const day = [...feed.barsBetween(newYorkTime('2026-11-16', '00:00'), newYorkTime('2026-11-17', '00:00'))];
    const expected = [...market.barsOf(symbols, newYorkTime('2026-11-16', '00:00'), newYorkTime('2026-11-17', '00:00')).values()].reduce((n, b) => n + b.length, 0);
    expect(day.length).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    // Daily bars of the context days come out at their close, weeks before the session.
    expect([...feed.barsBetween(newYorkTime('2026-10-01', '00:00'), newYorkTime('2026-10-02', '00:00'))]).toHaveLength(symbols.length);
  });

  it('narrows_the_universe_to_the_symbols_asked', () => {
    const one = market.assets()[0]!.symbol;
    const feed = syntheticReplayFeed(market, { from: '2026-11-16', to: '2026-11-16', symbols: [one] });
    expect(feed.assets().map((a) => a.symbol)).toEqual([one]);
  });
});
