import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import type { Asset } from '../../../domain/market.ts';
import type { OrderRequest } from '../../../domain/orders.ts';
import { newYorkTime } from '../../../domain/calendar/new-york-time.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import { createFakeSimFeed, cryptoAsset, equityAsset, type FakeSimFeed } from './fake-sim-feed.ts';
import { SimBroker } from './sim-broker.ts';
import type { SimBrokerConfig } from './sim-broker-config.ts';
import type { SimBrokerStore } from './state-store.ts';

/** A clock tests move by hand. */
export interface ManualClock extends Clock {
  set(t: EpochMs): void;
  advance(ms: number): void;
}

/** A clock at `start` that only moves when told. */
export function manualClock(start: EpochMs): ManualClock {
  let t = start;
  return { now: () => t, set: (x) => void (t = x), advance: (ms) => void (t += ms) };
}

/** A Tuesday with a regular session (9:30-16:00 New York, EDT). */
export const DAY: IsoDate = '2026-03-10';

/** The instant New York's clock reads `hhmm` on `date`. */
export function ny(hhmm: string, date: IsoDate = DAY): EpochMs {
  return newYorkTime(date, hhmm);
}

/** The universe of the broker tests: a plain stock, a non-shortable one, a halted one, a cheap one, and BTC/USD. */
export const TEST_ASSETS: readonly Asset[] = [
  equityAsset('AAPL'),
  equityAsset('HTZ', { shortable: false, easyToBorrow: false }),
  equityAsset('HALT', { tradable: false }),
  equityAsset('PENNY', { fractionable: false }),
  cryptoAsset('BTC/USD'),
];

let counter = 0;
/** An order request with defaults (market day buy of 10 AAPL) and a fresh client order id. */
export function request(fields: Partial<OrderRequest> = {}): OrderRequest {
  counter += 1;
  return { clientOrderId: `test-${counter}`, symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: 10, ...fields };
}

/** A broker under test with its feed and clock. */
export interface Harness {
  broker: SimBroker;
  feed: FakeSimFeed;
  clock: ManualClock;
  /** Moves the clock `minutes` forward. */
  wait(minutes: number): void;
}

/**
 * A broker over the fake feed. Unless the test says otherwise: no spread paid, no regulatory fees, no order latency, no slippage and no
 * participation cap, so fill prices are the bar prices the test wrote (fill-model.test.ts prices those).
 */
export function harness(options: { start?: EpochMs; config?: Partial<SimBrokerConfig>; store?: SimBrokerStore; assets?: readonly Asset[]; feed?: FakeSimFeed } = {}): Harness {
  const feed = options.feed ?? createFakeSimFeed({ assets: options.assets ?? TEST_ASSETS });
  const clock = manualClock(options.start ?? ny('10:00'));
  const broker = new SimBroker({
    feed,
    clock,
    ...(options.store ? { store: options.store } : {}),
    config: { crossSpread: false, regulatoryFees: false, orderLatencyMs: 0, orderLatencyJitterMs: 0, slippageBps: 0, volumeImpactBps: 0, rangeImpact: 0, maxParticipation: 1, cryptoMakerFeeBps: 0, cryptoTakerFeeBps: 0, ...options.config },
  });
  return { broker, feed, clock, wait: (minutes) => clock.advance(minutes * MINUTE_MS) };
}
