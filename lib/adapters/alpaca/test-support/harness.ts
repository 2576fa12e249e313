import type { Logger } from '../../../platform/logger.ts';
import type { Clock } from '../../../ports/clock.port.ts';
import { InProcessRateLimiter } from '../../redis/redis-rate-limiter.ts';
import { AlpacaClient, type AlpacaClientOptions } from '../alpaca.client.ts';
import { FakeAlpaca } from './fake-alpaca.ts';

export const KEY_ID = 'PKTESTKEYID0000000001';
export const SECRET = 'sEcReT-9f8e7d6c5b4a39281706f5e4d3c2b1a0';

/** A clock the test moves by hand; sleeping advances it instead of waiting. */
export class ManualClock implements Clock {
  constructor(public t = Date.UTC(2026, 0, 23, 14, 30)) {}
  now(): number {
    return this.t;
  }
  readonly sleep = async (ms: number): Promise<void> => {
    this.t += ms;
  };
}

/** A logger that keeps every line verbatim (no redaction), so a leak would show. */
export class CapturedLog implements Logger {
  constructor(
    readonly lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [],
    private readonly base: Record<string, unknown> = {},
  ) {}
  private push(level: string, msg: string, fields?: Record<string, unknown>) {
    this.lines.push({ level, msg, fields: { ...this.base, ...fields } });
  }
  debug(msg: string, fields?: Record<string, unknown>) {
    this.push('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>) {
    this.push('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>) {
    this.push('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>) {
    this.push('error', msg, fields);
  }
  child(fields: Record<string, unknown>): Logger {
    return new CapturedLog(this.lines, { ...this.base, ...fields });
  }
  /** Every line as the JSON text a sink would write. */
  text(): string {
    return this.lines.map((l) => JSON.stringify(l, (_k, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack } : v))).join('\n');
  }
}

export interface Harness {
  fake: FakeAlpaca;
  clock: ManualClock;
  log: CapturedLog;
  limiter: InProcessRateLimiter;
  client: AlpacaClient;
}

/** An AlpacaClient wired to a fresh fake Alpaca, a manual clock and an in-process rate limiter. */
export function harness(overrides: Partial<AlpacaClientOptions> = {}, mount = ''): Harness {
  const fake = new FakeAlpaca(mount);
  const clock = new ManualClock();
  const log = new CapturedLog();
  const limiter = new InProcessRateLimiter(clock);
  const client = new AlpacaClient({
    keyId: KEY_ID,
    secretKey: SECRET,
    fetchApi: fake.fetch,
    clock,
    sleep: clock.sleep,
    rateLimiter: limiter,
    logger: log,
    timeoutMs: 200,
    maxRateWaitMs: 100,
    ...overrides,
  });
  return { fake, clock, log, limiter, client };
}
