import { Alpaca, marketData, trading } from '@alpacahq/alpaca-trade-api/rest';
import { AppError } from '../../shared/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { RateLimiter } from '../../ports/rate-limiter.port.ts';
import type { CallStats } from '../../ports/market-data.port.ts';
import { failureFromSdkError, toAppError, type AlpacaFailure } from './alpaca.errors.ts';
import { HostRateBudget } from './alpaca.rate-budget.ts';

/** Which Alpaca host a request goes to: trading (paper-api / api) or market data (data). */
export type AlpacaApi = 'trading' | 'data';

/** The fetch signature the SDK accepts (`fetchApi`); tests and the simulator facade inject theirs. */
export type AlpacaFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface AlpacaClientOptions {
  keyId: string;
  secretKey: string;
  /** Real money. Only composition sets it, and only for TRADING_MODE=live with its confirmation. */
  live?: boolean;
  /** Replaces Alpaca's trading host (e.g. the local Alpaca-compatible simulator facade). */
  tradingBaseUrl?: string;
  /** Replaces Alpaca's market data host. */
  dataBaseUrl?: string;
  fetchApi?: AlpacaFetch;
  clock: Clock;
  rateLimiter: RateLimiter;
  logger: Logger;
  /** Per-request timeout. Default 15 s. */
  timeoutMs?: number;
  /** Longest wait for a rate-limit token. Default 5 s; must be below timeoutMs. */
  maxRateWaitMs?: number;
  /** Requests a minute per host. Default 200 (Alpaca's trading limit and free data plan). */
  requestsPerMinute?: { trading?: number; data?: number };
  /** Rate-limiter bucket prefix. Default `alpaca:`. */
  bucketPrefix?: string;
  /** How to wait for a token; tests pass one that advances their clock. */
  sleep?: (ms: number) => Promise<void>;
}

/** One request's result as a value: the parsed JSON body (undefined for 204) or why it failed. */
export type Exchange = { ok: true; status: number; body: unknown } | { ok: false; failure: AlpacaFailure };

/**
 * The SDK client (REST entry only) with the project's transport rules: one token per request from the
 * shared per-host budget, the SDK's own retries and throttle switched off (they would bypass the shared
 * budget, and a write must never be replayed), secrets scrubbed from every failure, calls counted.
 */
export class AlpacaClient {
  readonly sdk: Alpaca;
  readonly live: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly hosts: Record<AlpacaApi, string>;
  private readonly budgets: Record<AlpacaApi, HostRateBudget>;
  private readonly secrets: string[];
  private readonly counts: Record<AlpacaApi, Map<string, number>> = { trading: new Map(), data: new Map() };

  constructor(options: AlpacaClientOptions) {
    if (!options.keyId || !options.secretKey) throw new AppError('CONFIG_INVALID', 'Alpaca key id and secret key are required');
    const timeoutMs = options.timeoutMs ?? 15_000;
    const maxRateWaitMs = options.maxRateWaitMs ?? Math.min(5_000, Math.floor(timeoutMs / 2));
    if (maxRateWaitMs >= timeoutMs) throw new AppError('CONFIG_INVALID', 'Alpaca maxRateWaitMs must be below timeoutMs');
    this.live = options.live === true;
    this.clock = options.clock;
    this.logger = options.logger.child({ adapter: 'alpaca' });
    this.secrets = [options.secretKey];
    const tradingDefault = this.live ? trading.TRADING_LIVE_HOST : trading.TRADING_PAPER_HOST;
    const tradingBase = trimSlash(options.tradingBaseUrl ?? tradingDefault);
    const dataBase = trimSlash(options.dataBaseUrl ?? marketData.MARKET_DATA_HOST);
    this.hosts = { trading: new URL(tradingBase).host, data: new URL(dataBase).host };
    if (this.live) {
      this.logger.warn('LIVE TRADING: orders go to Alpaca live and spend real money', { tradingHost: this.hosts.trading });
    }
    const rewrite = rewriter({ [trading.TRADING_PAPER_HOST]: tradingBase, [trading.TRADING_LIVE_HOST]: tradingBase, [marketData.MARKET_DATA_HOST]: dataBase });
    const inner = options.fetchApi ?? ((url: string, init: RequestInit) => fetch(url, init));
    this.sdk = new Alpaca({
      keyId: options.keyId,
      secret: options.secretKey,
      paper: !this.live,
      timeoutMs,
      retry: false,
      rateLimit: false,
      fetchApi: (url, init) => inner(rewrite(url), init),
    });
    const budget = (perMinute: number | undefined) =>
      new HostRateBudget({
        limiter: options.rateLimiter,
        clock: options.clock,
        sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        perMinute: perMinute ?? 200,
        maxWaitMs: maxRateWaitMs,
        prefix: options.bucketPrefix ?? 'alpaca:',
      });
    this.budgets = { trading: budget(options.requestsPerMinute?.trading), data: budget(options.requestsPerMinute?.data) };
  }

  /**
   * Sends one request (`send` makes exactly one SDK call) and returns its outcome as a value. Throws only
   * RATE_LIMITED when the shared budget stays empty (then nothing was sent) and DATA_INVALID for a body
   * that is not JSON.
   */
  async exchange(api: AlpacaApi, endpoint: string, send: () => Promise<{ raw: Response }>): Promise<Exchange> {
    const host = this.hosts[api];
    const budget = this.budgets[api];
    const left = await this.acquire(budget, host);
    const counts = this.counts[api];
    counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
    let failure: AlpacaFailure;
    try {
      const res = await send();
      await this.quietly(() => budget.observe(host, res.raw.headers, left));
      const text = await res.raw.text();
      return { ok: true, status: res.raw.status, body: text === '' ? undefined : parseJson(text, endpoint) };
    } catch (e) {
      if (e instanceof AppError) throw e;
      failure = failureFromSdkError(e, this.secrets, this.clock.now());
    }
    if (failure.kind === 'http') {
      const { status, headers } = failure;
      await this.quietly(() => (status === 429 ? budget.exhaust(host) : budget.observe(host, headers, left)));
    }
    return { ok: false, failure };
  }

  private async acquire(budget: HostRateBudget, host: string): Promise<number> {
    try {
      return await budget.acquire(host);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('DEPENDENCY_UNAVAILABLE', `Alpaca request budget for ${host} unreadable; nothing was sent`, { details: { host, sent: false } });
    }
  }

  // Bookkeeping after a response must never hide the response itself (an accepted order above all).
  private async quietly(task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (e) {
      this.logger.warn('alpaca rate budget update failed', { error: e });
    }
  }

  /** Sends one request and returns its JSON body, or throws the mapped AppError. */
  async request(api: AlpacaApi, endpoint: string, send: () => Promise<{ raw: Response }>, idempotent = endpoint.startsWith('GET ')): Promise<unknown> {
    const r = await this.exchange(api, endpoint, send);
    if (r.ok) return r.body;
    throw this.fail(endpoint, r.failure, idempotent);
  }

  /** The AppError for a failure, logged once at warn level (scrubbed). */
  fail(endpoint: string, failure: AlpacaFailure, idempotent: boolean): AppError {
    const error = toAppError(endpoint, failure, idempotent);
    this.logger.warn('alpaca request failed', { endpoint, code: error.code, retryable: error.retryable, message: error.message });
    return error;
  }

  /** Requests left per host (trading and data), as the shared budget and Alpaca's headers see it. */
  async budget(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const api of ['trading', 'data'] as const) out[this.hosts[api]] = await this.budgets[api].remaining(this.hosts[api]);
    return out;
  }

  /** Calls made to one host, by endpoint (`GET /v2/orders`). */
  stats(api: AlpacaApi): CallStats {
    const byEndpoint = Object.fromEntries(this.counts[api]);
    return { calls: Object.values(byEndpoint).reduce((a, b) => a + b, 0), byEndpoint };
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Rewrites the SDK's fixed hosts to the configured bases (a path prefix on the base is kept). */
function rewriter(bases: Record<string, string>): (url: string) => string {
  return (url) => {
    const u = new URL(url);
    const base = bases[u.origin];
    return base === undefined ? url : `${base}${u.pathname}${u.search}`;
  };
}

function parseJson(text: string, endpoint: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('DATA_INVALID', `Alpaca ${endpoint}: response body is not JSON`, { details: { endpoint } });
  }
}
