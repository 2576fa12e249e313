import { MINUTE_MS } from '../lib/domain/time.ts';
import { newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { SimBroker } from '../lib/adapters/sim/broker/sim-broker.ts';
import { createSyntheticMarket } from '../lib/adapters/sim/market/synthetic-market.ts';

/**
 * `npx tsx bench/fill-quality.ts [seed] [symbols] [date]`: how the simulated broker fills against the quotes
 * the trader saw. On one synthetic session, every 5 minutes from 9:35 to 15:50 it sends a 100-share market
 * order of each symbol (buys and sells alternating) and measures, in bps of the
 * quote's mid, how far each fill is from the ask (buys) or the bid (sells) quoted when the order was sent;
 * positive = the trader paid more than the quote (buys) or got less (sells). Also: the mean quoted spread,
 * and where the last trade sits inside the quote (0 = on the bid, 0.5 = the mid, 1 = on the ask).
 */
const seed = Number(process.argv[2] ?? 7);
const symbols = Number(process.argv[3] ?? 60);
const date = process.argv[4] ?? '2026-11-16';
const market = createSyntheticMarket({ seed, start: '2026-09-01', symbols, crypto: false });
const equities = market.assets().map((a) => a.symbol);
let now = newYorkTime(date, '09:35');
const broker = new SimBroker({ feed: market, clock: { now: () => now }, config: { initialCash: 1e9, marginMultiplier: 4, ...JSON.parse(process.env.FQ_CONFIG ?? '{}') } });

const spreads: number[] = [];
const positions: number[] = [];
const sent: { id: string; side: 'buy' | 'sell'; quoted: number; mid: number }[] = [];
let n = 0;
for (let t = newYorkTime(date, '09:35'); t <= newYorkTime(date, '15:50'); t += 5 * MINUTE_MS) {
  now = t;
  for (const symbol of equities) {
    const q = market.quoteAt(symbol, t)!;
    const mid = (q.bidPrice + q.askPrice) / 2;
    spreads.push(((q.askPrice - q.bidPrice) / mid) * 10_000);
    const last = market.latestBar(symbol, t, 10 * MINUTE_MS);
    if (last && q.askPrice > q.bidPrice) positions.push((last.c - q.bidPrice) / (q.askPrice - q.bidPrice));
    {
      const side = Math.floor(n / equities.length) % 2 === 0 ? 'buy' : 'sell';
      const clientOrderId = `fq-${n++}`;
      const out = await broker.submitOrder({ clientOrderId, symbol, side, type: 'market', timeInForce: 'day', qty: 100 });
      if (out.status === 'accepted') sent.push({ id: out.order.id, side, quoted: side === 'buy' ? q.askPrice : q.bidPrice, mid });
    }
  }
}
now = newYorkTime(date, '16:00');
const cost = { buy: [] as number[], sell: [] as number[] };
for (const s of sent) {
  const o = await broker.getOrder(s.id);
  if (!o || o.filledAvgPrice === null) continue;
  const bps = ((s.side === 'buy' ? o.filledAvgPrice - s.quoted : s.quoted - o.filledAvgPrice) / s.mid) * 10_000;
  cost[s.side].push(bps);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const fmt = (x: number) => x.toFixed(2);
console.log(`fill quality: seed ${seed}, ${symbols} symbols, ${date}, 100-share market orders every 5 minutes`);
console.log(`  mean quoted spread ${fmt(mean(spreads))} bps; last trade's position in the quote ${fmt(mean(positions))} (0 bid, 0.5 mid, 1 ask)`);
console.log(`  market buys:  ${cost.buy.length} filled, mean ${fmt(mean(cost.buy))} bps beyond the ask they were sent against (negative = better than the ask)`);
console.log(`  market sells: ${cost.sell.length} filled, mean ${fmt(mean(cost.sell))} bps beyond the bid they were sent against (negative = better than the bid)`);
