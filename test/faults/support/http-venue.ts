import type { Broker } from '../../../lib/ports/broker.port.ts';
import type { Clock } from '../../../lib/ports/clock.port.ts';
import type { Random } from '../../../lib/shared/random.ts';
import type { Logger } from '../../../lib/platform/logger.ts';
import type { AlpacaFetch } from '../../../lib/adapters/alpaca/alpaca.client.ts';
import { alpacaClientAt, FACADE_KEYS } from '../../support/alpaca-at.ts';
import { AlpacaBroker } from '../../../lib/adapters/alpaca/alpaca.broker.ts';
import { startAlpacaFacade, type RunningFacade } from '../../../lib/adapters/sim/facade/alpaca-facade.ts';
import { createFakeMarketData, createFakeNewsSource } from '../../../lib/adapters/sim/facade/fake-market-data.ts';
import { MemoryStateStore } from '../../../lib/adapters/sim/broker/memory-state-store.ts';
import type { FakeSimFeed } from '../../../lib/adapters/sim/broker/fake-sim-feed.ts';
import type { ManualClock } from '../../../lib/adapters/sim/broker/sim-broker-fixture.ts';
import { brokerSide, type BrokerSide } from './fault-world.ts';
import { quietLog } from './fault-process.ts';
import type { KillSwitch } from './kill-switch.ts';

/**
 * The production Alpaca adapter, unmodified, pointed at a facade: both hosts rewritten to its URL, every
 * request through `fetchApi`.
 */
export function alpacaBrokerAt(url: string, marketClock: Clock, fetchApi: AlpacaFetch, logger: Logger = quietLog): AlpacaBroker {
  return new AlpacaBroker(alpacaClientAt(url, marketClock, { fetchApi, logger }));
}

const realFetch: AlpacaFetch = (url, init) => fetch(url, init);

/** Which port call a request serves, by Alpaca path. */
export function endpointOf(method: string, url: string): string {
  const path = new URL(url).pathname;
  if (method === 'POST' && path === '/v2/orders') return 'submit';
  if (path === '/v2/orders:by_client_order_id') return 'lookup';
  if (method === 'GET' && path === '/v2/orders') return 'listOrders';
  if (path.startsWith('/v2/account/activities')) return 'fills';
  if (path === '/v2/positions') return 'positions';
  if (path === '/v2/account') return 'account';
  return `${method} ${path}`;
}

/** HTTP as one process sees it: the process may die just before a request leaves or just after its answer arrives. */
export function crashingFetch(ks: KillSwitch, inner: AlpacaFetch = realFetch): AlpacaFetch {
  return async (url, init) => {
    const name = `http.${endpointOf(init.method ?? 'GET', url)}`;
    ks.reach(`${name}:send`);
    const res = await ks.track(inner(url, init));
    // The answer is read here, so "answered" really means the whole response arrived.
    const body = await ks.track(res.text());
    ks.reach(`${name}:answered`);
    return new Response(body === '' ? null : body, { status: res.status, headers: res.headers });
  };
}

export type FaultKind = '429' | '500' | '502' | '503' | '504' | 'timeout' | 'timeout_after_arrival' | '503_after_arrival' | 'network';
const KINDS: readonly FaultKind[] = ['429', '500', '502', '503', '504', 'timeout', 'timeout_after_arrival', '503_after_arrival', 'network'];

export interface InjectedFault {
  endpoint: string;
  kind: FaultKind;
  /** The client order id of a submit. */
  clientOrderId: string | null;
  /** Whether the facade processed the request (the order may exist). */
  arrived: boolean;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * A fetch that fails a share of requests to the given endpoints, as Alpaca and networks fail: 429 with
 * Retry-After, 500/502/503/504, a timeout before or after the request reached the server, a 503 after it
 * was processed, a dropped connection. Seeded; `enabled = false` stops the faults.
 */
export class FaultyFetch {
  readonly injected: InjectedFault[] = [];
  enabled = true;
  /** `rates`: the share of requests that fail, per endpoint (`submit`, `lookup`, `listOrders`, ...); others pass. */
  constructor(
    private readonly rnd: Random,
    private readonly rates: Readonly<Record<string, number>>,
    private readonly inner: AlpacaFetch = realFetch,
  ) {}

  readonly fetch: AlpacaFetch = async (url, init) => {
    const method = init.method ?? 'GET';
    const endpoint = endpointOf(method, url);
    if (!this.enabled || !this.rnd.chance(this.rates[endpoint] ?? 0)) return this.inner(url, init);
    const kind = this.rnd.pick(KINDS);
    const clientOrderId = endpoint === 'submit' && typeof init.body === 'string' ? ((JSON.parse(init.body) as { client_order_id?: string }).client_order_id ?? null) : null;
    const arrived = kind.endsWith('_after_arrival');
    this.injected.push({ endpoint, kind, clientOrderId, arrived });
    if (arrived) await (await this.inner(url, init)).text();
    switch (kind) {
      case '429':
        return json(429, { code: 42910000, message: 'rate limit exceeded' }, { 'retry-after': '1' });
      case '500':
      case '502':
      case '503':
      case '504':
        return json(Number(kind), { code: Number(`${kind}10000`), message: 'internal server error' });
      case '503_after_arrival':
        return json(503, { code: 50310000, message: 'service unavailable' });
      case 'timeout':
      case 'timeout_after_arrival':
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      case 'network':
        throw new TypeError('fetch failed');
    }
  };
}

/** A simulated broker behind the Alpaca-compatible facade on 127.0.0.1, one per run. */
export interface FacadeVenue {
  side: BrokerSide;
  running: RunningFacade;
  /** Unexpected errors inside the facade (answered as a bare 500): a test expects none. */
  errors: unknown[];
  close(): Promise<void>;
}

export async function startFacadeVenue(feed: FakeSimFeed, clock: ManualClock): Promise<FacadeVenue> {
  const side = brokerSide(feed, clock, new MemoryStateStore());
  const errors: unknown[] = [];
  const running = await startAlpacaFacade({
    broker: side.fresh(),
    marketData: createFakeMarketData(feed, clock),
    news: createFakeNewsSource(feed, clock),
    clock,
    credentials: [FACADE_KEYS],
    port: 0,
    onError: (e) => void errors.push(e),
  });
  return { side, running, errors, close: () => running.close() };
}

/** A Broker factory for processes: the production adapter over HTTP, with the process's kill points on the wire. */
export function facadeBrokerFor(venue: FacadeVenue, clock: Clock): (ks: KillSwitch) => Broker {
  return (ks) => alpacaBrokerAt(venue.running.url, clock, crashingFetch(ks));
}
