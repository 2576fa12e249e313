import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Broker } from '../../../ports/broker.port.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import type { MarketData } from '../../../ports/market-data.port.ts';
import type { NewsSource } from '../../../ports/news-source.port.ts';
import { errorResponse, isAuthorized, route, UNAUTHORIZED, type Credentials, type FacadeRequest, type FacadeResponse } from './http-kit.ts';
import { marketDataRoutes } from './market-data-routes.ts';
import { orderRoutes } from './order-routes.ts';
import { tradingRoutes } from './trading-routes.ts';
import { FacadeRequestBudget, type FacadeRateLimit } from './request-budget.ts';

/** What the facade serves: any Broker (the simulator's here), market data, news and the clock they share. */
export interface AlpacaFacadeDeps {
  broker: Broker;
  marketData: MarketData;
  news: NewsSource;
  clock: Clock;
  /** Key pairs accepted in APCA-API-KEY-ID / APCA-API-SECRET-KEY (any one of them). */
  credentials: readonly Credentials[];
  /** Told about unexpected errors (answered as a bare 500); never given to the client. */
  onError?: (error: unknown, req: FacadeRequest) => void;
  /** Alpaca's requests-a-minute limit per key and host (429 beyond it); none when absent. */
  rateLimit?: FacadeRateLimit;
}

const PUBLIC_PATH = /^\/v1beta3\/crypto\//;

/** The host a path belongs to at Alpaca: market data (`data.alpaca.markets`) or trading; each has its own limit. */
function hostOf(path: string): 'data' | 'trading' {
  return path.startsWith('/v2/stocks/') || /^\/v1beta\d\//.test(path) ? 'data' : 'trading';
}

/** The facade as a function of one request: Alpaca's Trading and Market Data paths on one origin. */
export interface AlpacaFacade {
  handle(req: FacadeRequest): Promise<FacadeResponse>;
}

/** Builds the Alpaca-compatible facade over a Broker, MarketData, a NewsSource and a Clock. */
export function createAlpacaFacade(deps: AlpacaFacadeDeps): AlpacaFacade {
  if (deps.credentials.length === 0) throw new Error('the Alpaca facade needs at least one key pair');
  const routes = [
    ...tradingRoutes(deps.broker, deps.clock),
    ...orderRoutes(deps.broker),
    ...marketDataRoutes(deps.marketData, deps.news, deps.broker, deps.clock),
  ];
  const budget = deps.rateLimit ? new FacadeRequestBudget(deps.rateLimit) : null;
  const serve = async (req: FacadeRequest): Promise<FacadeResponse> => {
    const found = route(routes, req);
    if ('status' in found) return found;
    try {
      return await found.route.handle(req, found.params);
    } catch (e) {
      const res = errorResponse(e);
      if (res.status >= 500) deps.onError?.(e, req);
      return res;
    }
  };
  return {
    async handle(req) {
      // Alpaca's crypto market data needs no keys (the spec's `security: []`; the SDK sends none).
      const open = req.method === 'GET' && PUBLIC_PATH.test(req.path);
      if (!open && !isAuthorized(req, deps.credentials)) return UNAUTHORIZED;
      if (!budget) return serve(req);
      const taken = budget.take(`${open ? 'anonymous' : req.headers['apca-api-key-id']}|${hostOf(req.path)}`);
      if ('refused' in taken) return taken.refused;
      const res = await serve(req);
      return { ...res, headers: { ...res.headers, ...taken.headers } };
    },
  };
}

const MAX_BODY = 1_000_000;

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) resolve(null);
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Node's request → FacadeRequest (path percent-decoded, so `BTC%2FUSD` reaches the routes as `BTC/USD`). */
async function toFacadeRequest(req: http.IncomingMessage): Promise<FacadeRequest | null> {
  const url = new URL(req.url ?? '/', 'http://facade.local');
  const body = await readBody(req);
  if (body === null) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  return { method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers as Record<string, string | undefined>, body };
}

/** A facade listening on a port. */
export interface RunningFacade {
  url: string;
  close(): Promise<void>;
}

/** Serves the facade over HTTP on `host:port` (port 0 picks a free one); `url` is what an Alpaca client takes as its base URL. */
export async function startAlpacaFacade(deps: AlpacaFacadeDeps & { port: number; host?: string }): Promise<RunningFacade> {
  const facade = createAlpacaFacade(deps);
  const server = http.createServer((req, res) => {
    void (async () => {
      const request = await toFacadeRequest(req).catch(() => null);
      const out = request ? await facade.handle(request) : { status: 413, body: { code: 41310000, message: 'request body too large' } };
      const extra = 'headers' in out ? (out.headers ?? {}) : {};
      if (out.body === undefined) {
        res.writeHead(out.status, extra).end();
        return;
      }
      const text = JSON.stringify(out.body);
      res.writeHead(out.status, { ...extra, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
    })();
  });
  const host = deps.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
