import * as z from 'zod/mini';
import type { Clock } from '../../ports/clock.port.ts';
import { AppError } from '../../shared/errors.ts';
import type { NewsStateStore } from './news-state.store.ts';
import { issuesReason, REPORT } from './news-item.build.ts';

/** 10-digit CIK (as in the feed's titles) → tickers, in the order the SEC lists them. */
export type TickersByCik = ReadonlyMap<string, readonly string[]>;

// sec.gov/files/company_tickers.json: {"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."}, ...}
const Row = z.object({ cik_str: z.number().check(z.int(), z.positive()), ticker: z.string().check(z.minLength(1)), title: z.string() });
const CompanyTickers = z.record(z.string(), Row);

/** The CIK as the feed writes it: ten digits with leading zeros. */
export function padCik(cik: number): string {
  return String(cik).padStart(10, '0');
}

/** Reads company_tickers.json; a file that does not have the documented shape is DATA_INVALID. */
export function parseCompanyTickers(json: unknown): Map<string, string[]> {
  const parsed = CompanyTickers.safeParse(json, REPORT);
  if (!parsed.success) throw new AppError('DATA_INVALID', `sec-edgar: company_tickers.json has an unexpected shape (${issuesReason(parsed.error.issues.slice(0, 3))})`);
  const map = new Map<string, string[]>();
  for (const row of Object.values(parsed.data)) {
    const cik = padCik(row.cik_str);
    const ticker = row.ticker.trim().toUpperCase();
    const list = map.get(cik) ?? [];
    if (!list.includes(ticker)) list.push(ticker);
    map.set(cik, list);
  }
  return map;
}

const Cached = z.object({ at: z.number(), entries: z.array(z.tuple([z.string(), z.array(z.string())])) });
const STORE_KEY = 'sec-edgar:company-tickers';

/**
 * The CIK → ticker map, fetched at most once per `ttlMs`: kept in this process and in the shared store,
 * so concurrent invocations and cold starts reuse one download of a ~1 MB file.
 */
export class CompanyTickerCache {
  private memo: { at: number; map: TickersByCik } | null = null;

  constructor(
    private readonly download: () => Promise<Map<string, string[]>>,
    private readonly store: NewsStateStore,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** The map, from memory, the store, or a fresh download (which then refreshes both). */
  async get(): Promise<TickersByCik> {
    const now = this.clock.now();
    if (this.memo && now - this.memo.at < this.ttlMs) return this.memo.map;
    const stored = await this.readStored();
    if (stored && now - stored.at < this.ttlMs) {
      this.memo = stored;
      return stored.map;
    }
    const map = await this.download();
    this.memo = { at: now, map };
    await this.store.set(STORE_KEY, JSON.stringify({ at: now, entries: [...map] }), this.ttlMs);
    return map;
  }

  private async readStored(): Promise<{ at: number; map: TickersByCik } | null> {
    const raw = await this.store.get(STORE_KEY);
    if (raw === null) return null;
    try {
      const parsed = Cached.safeParse(JSON.parse(raw));
      // A damaged copy is ignored: the file is downloaded again rather than guessed from.
      return parsed.success ? { at: parsed.data.at, map: new Map(parsed.data.entries) } : null;
    } catch {
      return null;
    }
  }
}
