import { performance } from 'node:perf_hooks';
import { MINUTE_MS, type EpochMs } from '../lib/domain/time.ts';
import type { OrderRequest } from '../lib/domain/orders.ts';
import { calendarBetween } from '../lib/domain/calendar/nyse-calendar.ts';
import type { SimFeed } from '../lib/adapters/sim/sim-feed.ts';
import { createFakeSimFeed, equityAsset, randomWalkBars } from '../lib/adapters/sim/broker/fake-sim-feed.ts';
import { SimBroker } from '../lib/adapters/sim/broker/sim-broker.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';
import { median, printFigures, printSection, type Figure } from './report.ts';

const SYMBOLS = 100;
const DAYS = { start: '2026-03-02', end: '2026-03-13' };
const RUNS = Number(process.env.SIM_BENCH_RUNS ?? 3);
const TARGET = { value: 1_000_000, better: 'higher' as const };

/** The order sent after minute `i`: market buys and sells, resting limits, and every tenth a bracket. */
function orderAt(i: number, symbol: string, price: number): OrderRequest {
  const clientOrderId = `bench-${i}`;
  if (i % 10 === 9) {
    const entry = Math.round(price * 100) / 100;
    const takeProfit = { limitPrice: Math.round(entry * 101) / 100 };
    const stopLoss = { stopPrice: Math.round(entry * 99) / 100 };
    return { clientOrderId, symbol, qty: 5, side: 'buy', type: 'market', timeInForce: 'gtc', orderClass: 'bracket', takeProfit, stopLoss };
  }
  if (i % 3 === 2) return { clientOrderId, symbol, qty: 5, side: 'buy', type: 'limit', timeInForce: 'day', limitPrice: Math.round(price * 99.9) / 100 };
  return { clientOrderId, symbol, qty: 5, side: Math.floor(i / SYMBOLS) % 2 === 0 ? 'buy' : 'sell', type: 'market', timeInForce: 'day' };
}

interface Replay {
  rate: number;
  cpuRate: number;
  accepted: number;
  orders: number;
}

/** When the replay calls the broker (each time 100 more bars have completed) and the price it quotes in that call's order. */
interface CallPlan {
  /** Index into the minutes of each call. */
  at: number[];
  symbol: string[];
  /** Last close of the order's symbol at the call, USD (the order's reference price). */
  price: number[];
}

/** Plans the calls from one pass over the feed (outside the timed runs: it also warms the feed's caches). */
function plan(feed: SimFeed, minutes: readonly EpochMs[], symbols: readonly string[]): { calls: CallPlan; bars: number } {
  const index = new Map(minutes.map((t, i) => [t, i]));
  const perMinute = new Array<number>(minutes.length).fill(0);
  const closes: Map<string, number>[] = minutes.map(() => new Map());
  let bars = 0;
  for (const { symbol, bar } of feed.barsBetween(minutes[0]! - 1, minutes[minutes.length - 1]! + MINUTE_MS)) {
    const i = index.get(bar.t);
    if (i === undefined) continue;
    perMinute[i]! += 1;
    closes[i]!.set(symbol, bar.c);
    bars++;
  }
  const last = new Map<string, number>();
  const calls: CallPlan = { at: [], symbol: [], price: [] };
  let pending = 0;
  for (let i = 0; i < minutes.length; i++) {
    for (const [s, c] of closes[i]!) last.set(s, c);
    pending += perMinute[i]!;
    if (pending < SYMBOLS && i < minutes.length - 1) continue;
    pending = 0;
    const symbol = symbols[calls.at.length % symbols.length]!;
    calls.at.push(i);
    calls.symbol.push(symbol);
    calls.price.push(last.get(symbol) ?? 100);
  }
  return { calls, bars };
}

/** Steps a fresh in-memory broker through the planned calls: one order per call, an order every 100 bars. */
async function replay(feed: SimFeed, minutes: readonly EpochMs[], calls: CallPlan, bars: number): Promise<Replay> {
  let now = minutes[0]!;
  const broker = new SimBroker({ feed, clock: { now: () => now }, config: { initialCash: 10_000_000 } });
  let accepted = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let k = 0; k < calls.at.length; k++) {
    now = minutes[calls.at[k]!]! + MINUTE_MS;
    const outcome = await broker.submitOrder(orderAt(k, calls.symbol[k]!, calls.price[k]!));
    if (outcome.status === 'accepted') accepted++;
  }
  const used = process.cpuUsage(cpu);
  return { rate: bars / ((performance.now() - started) / 1000), cpuRate: bars / ((used.user + used.system) / 1e6), accepted, orders: calls.at.length };
}

async function measure(label: string, feed: SimFeed, minutes: readonly EpochMs[], symbols: readonly string[], target: boolean): Promise<Figure[]> {
  const { calls, bars } = plan(feed, minutes, symbols);
  const runs: Replay[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await replay(feed, minutes, calls, bars));
  return [
    { name: `${label}: bars replayed per run`, value: bars, unit: 'bars' },
    { name: `${label}: orders accepted per run (of ${runs[0]!.orders})`, value: runs[0]!.accepted, unit: 'orders' },
    { name: `${label}: bars per second (median of ${RUNS})`, value: Math.round(median(runs.map((r) => r.rate))), unit: 'bars/s', ...(target ? { target: TARGET } : {}) },
    // CPU time includes V8's parallel GC threads, so it can exceed wall time; on a busy machine it is the steadier figure.
    { name: `${label}: bars per CPU second (median of ${RUNS})`, value: Math.round(median(runs.map((r) => r.cpuRate))), unit: 'bars/s' },
  ];
}

/**
 * Bars replayed per second through the in-memory simulated broker with 100 symbols and an order every
 * 100 bars: over the broker's test feed (two weeks of regular sessions), and over the synthetic market
 * (extended hours included, from its warmed cache).
 */
export async function benchSimulator(): Promise<boolean> {
  printSection('simulator: in-memory broker replay (100 symbols, an order every 100 bars)');
  const days = calendarBetween(DAYS.start, DAYS.end);
  const regular: EpochMs[] = [];
  for (const day of days) for (let t = day.open; t < day.close; t += MINUTE_MS) regular.push(t);
  const symbols = Array.from({ length: SYMBOLS }, (_, i) => `S${String(i).padStart(3, '0')}`);
  const fake = createFakeSimFeed({ assets: symbols.map((s) => equityAsset(s)) });
  for (const [s, list] of randomWalkBars(symbols, regular, 7)) fake.addBars(s, list);
  const figures = await measure('test feed', fake, regular, symbols, true);

  const market = createSyntheticMarket({ seed: 7, start: DAYS.start, symbols: SYMBOLS });
  const extended: EpochMs[] = [];
  for (const day of days.slice(0, 3)) for (let t = day.sessionOpen; t < day.sessionClose; t += MINUTE_MS) extended.push(t);
  const synthetic = market.assets().map((a) => a.symbol);
  figures.push(...(await measure('synthetic market', market, extended, synthetic, true)));
  return printFigures(figures);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = (await benchSimulator()) ? 0 : 1;
}
