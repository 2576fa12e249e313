import { describe, expect, it } from 'vitest';
import type { ReportingReader } from '../../ports/reporting-reader.port.ts';
import type { ClosedTrade, EquityPoint } from '../../domain/performance.ts';
import { performanceView, type ReportingDeps } from './views.ts';

/** The two reads the performance view makes, over fixed data; any other read is a test bug. */
function readerOf(trades: ClosedTrade[], equity: EquityPoint[]): ReportingReader {
  const only = { closedTrades: async () => trades, equity: async () => equity };
  return new Proxy(only, { get: (t, k) => (k in t ? t[k as keyof typeof t] : () => Promise.reject(new Error(`unexpected read ${String(k)}`))) }) as unknown as ReportingReader;
}

const deps = (reader: ReportingReader, assumptions: string[]): ReportingDeps => ({
  reader,
  cache: { getOrCompute: (_key, _ttl, compute) => compute() },
  live: { read: async () => null, write: async () => undefined } as unknown as ReportingDeps['live'],
  clock: { now: () => Date.parse('2026-11-25T22:00:00Z') },
  mode: 'paper',
  assumptions,
});

describe('performance view', () => {
  it('shows_net_figures_the_assumptions_and_a_significance_warning_under_30_trades', async () => {
    const trades = [{ exitAt: Date.parse('2026-11-24T20:00:00Z'), exitDate: '2026-11-24', pnlUsd: 100, rMultiple: 1, feesUsd: 4 }];
    const equity = [{ at: Date.parse('2026-11-24T14:00:00Z'), date: '2026-11-24', equity: 100_000 }, { at: Date.parse('2026-11-24T21:00:00Z'), date: '2026-11-24', equity: 100_096 }];
    const view = await performanceView(deps(readerOf(trades, equity), ['Fills: Alpaca paper ...']), 30);
    expect(view.overall).toMatchObject({ trades: 1, netPnlUsd: 96, feesUsd: 4 });
    expect(view.overall.beforeFees.pnlUsd).toBe(100);
    expect(view.assumptions).toEqual(['Fills: Alpaca paper ...']);
    expect(view.warnings).toEqual([expect.stringMatching(/1 closed trade: not statistically significant/)]);
  });
});
