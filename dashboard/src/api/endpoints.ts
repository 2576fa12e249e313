import { call } from './client.ts';
import type { Candidate, ChartData, ControlAction, Cycle, EquityPoint, Health, NewsItem, Performance, Position, Summary, TokenPair, TradePage } from './types.ts';
import type { Audit } from './audit-types.ts';
import type { ResearchCompare, ResearchRun, RunListing } from './research-types.ts';

export const login = (password: string, deviceToken?: string) =>
  call<TokenPair & { deviceToken: string }>('reporting/auth', { method: 'POST', body: { action: 'login', password, ...(deviceToken ? { deviceToken } : {}) }, auth: false });
export const refresh = (refreshToken: string) => call<TokenPair>('reporting/auth', { method: 'POST', body: { action: 'refresh', refreshToken }, auth: false });
export const logout = (refreshToken: string) => call<{ ok: true }>('reporting/auth', { method: 'POST', body: { action: 'logout', refreshToken }, auth: false });

export const summary = () => call<Summary>('reporting/summary');
export const positions = () => call<{ positions: Position[] }>('reporting/positions');
export const equity = (days: number) => call<{ points: EquityPoint[] }>('reporting/equity', { query: { days } });
export const performance = (days: number) =>
  call<{ overall: Performance; byDay: { period: string; performance: Performance }[]; byWeek: { period: string; performance: Performance }[]; assumptions?: string[]; warnings?: string[] }>('reporting/performance', { query: { days } });
export const candidates = (cycleId?: number) => call<{ cycleId: number | null; candidates: Candidate[] }>('reporting/candidates', { query: { cycleId } });
export const news = (limit: number, symbol?: string) => call<{ news: NewsItem[] }>('reporting/news', { query: { limit, symbol } });
export const cycles = (limit: number) => call<{ cycles: Cycle[] }>('reporting/cycles', { query: { limit } });
export const audit = (tradeId: number) => call<Audit>('reporting/audit', { query: { tradeId } });
export const chart = (symbol: string, from?: number, to?: number) => call<ChartData>('reporting/chart', { query: { symbol, from, to, timeframe: '1Min' } });
export const researchRuns = (filter: { kind?: string; from?: string; to?: string; savedFrom?: string; savedTo?: string }, beforeId?: number) =>
  call<{ runs: RunListing[]; nextBeforeId: number | null }>('reporting/research-runs', { query: { ...filter, beforeId, limit: 50 } });
export const researchCompare = (a: number, b: number) => call<ResearchCompare>('reporting/research-compare', { query: { a, b } });
export const researchRun = (id: number) => call<ResearchRun>('reporting/research-run', { query: { id } });
export const health = () => call<Health>('reporting/health', { auth: false });

export interface TradeFilter {
  symbol?: string;
  status?: 'open' | 'closed' | 'all';
  exitReason?: string;
  beforeId?: number;
  limit?: number;
}
export const trades = (f: TradeFilter) => call<TradePage>('reporting/trades', { query: { ...f } });

/** trading/control: `why` is required and kept in the audit log. */
export const control = (action: ControlAction, why: string, symbol?: string) =>
  call<{ action: string; state: { state: string; message: string; until: number | null } }>('trading/control', { method: 'POST', body: symbol ? { action, symbol, why } : { action, why } });
