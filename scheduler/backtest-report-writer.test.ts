import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performance } from '../lib/domain/performance.ts';
import { backtestReportSchema } from './backtest-report.schema.ts';
import { writeBacktestReport, type ReportSettings } from './backtest-report-writer.ts';
import type { BacktestResult } from '../lib/compose/backtest/backtest-types.ts';

const settings: ReportSettings = { from: '2026-11-16', to: '2026-11-16', sessions: 1, symbols: ['AAA'], history: 'synthetic', storage: 'postgres', seed: 42, quietStepMinutes: 15, strategy: { RISK_PER_TRADE_PCT: 0.5, UNIVERSE_SYMBOLS: [] } };
const at = Date.UTC(2026, 10, 16, 15, 0);
const order = { clientOrderId: 'ct-1', symbol: 'AAA', side: 'buy', type: 'market', orderClass: 'bracket', qty: 10, limitPrice: null, stopPrice: null, status: 'filled', filledQty: 10, filledAvgPrice: 20, submittedAt: at };

function result(over: Partial<BacktestResult> = {}): BacktestResult {
  return {
    days: [{ date: '2026-11-16', ticks: 475, failedTicks: 0, bars: 780, ordersPlaced: 1, tradesClosed: 1, pnlUsd: 5, equity: 100_005, wallMs: 900 }],
    sessions: 1,
    interrupted: false,
    performance: performance([{ exitAt: at + 60_000, exitDate: '2026-11-16', pnlUsd: 5, rMultiple: 0.5 }], [{ at, date: '2026-11-16', equity: 100_000 }, { at: at + 60_000, date: '2026-11-16', equity: 100_005 }]),
    trades: [{ exitAt: at + 60_000, exitDate: '2026-11-16', pnlUsd: 5, rMultiple: 0.5, feesUsd: 0 }],
    orders: [order],
    digest: 'a'.repeat(64),
    ticks: 475,
    failedTicks: 0,
    bars: 780,
    errors: [],
    wallMs: 1000,
    startupMs: 100,
    equityPerMinute: [{ at, equity: 100_000 }, { at: at + 60_000, equity: 100_005 }],
    stageTotals: [{ name: 'reconcile', ms: 300, runs: 475 }],
    assumptions: ['Fill rules: one-minute bars'],
    warnings: [],
    detail: {
      fills: [{ id: 'f1', orderId: 'o1', clientOrderId: 'ct-1', symbol: 'AAA', side: 'buy', qty: 10, price: 20, at, cumQty: 10, leavesQty: 0, kind: 'fill' }],
      trades: [{ trade: { id: 1, symbol: 'AAA', side: 'long', entryAt: at, exitAt: at + 60_000, pnlUsd: 5, exitReason: 'take_profit' }, audit: { trade: {}, news: [], candidate: null, signal: null, entry: null, exit: null, orders: [], fills: [] } }],
    },
    ...over,
  };
}

describe('backtest --json report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backtest-report-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('writes_a_file_that_parses_against_schema_version_1', async () => {
    const file = path.join(dir, 'ok.json');
    await writeBacktestReport(file, settings, result());
    const parsed = backtestReportSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.summary).toMatchObject({ interrupted: false, bars: 780, barsPerSecond: 780, orders: 1, fills: 1, trades: 1 });
    expect(parsed.equity.perMinute).toHaveLength(2);
    expect(parsed.equity.perSession[0]).toMatchObject({ date: '2026-11-16', equity: 100_005 });
    expect(parsed.trades[0]!.trade).toMatchObject({ id: 1, exitReason: 'take_profit' });
    expect(parsed.metrics.trades).toBe(1);
  });

  it('writes_empty_arrays_and_the_interrupted_mark_for_a_run_without_detail', async () => {
    const file = path.join(dir, 'partial.json');
    await writeBacktestReport(file, settings, result({ interrupted: true, detail: undefined, orders: [], equityPerMinute: [] }));
    const parsed = backtestReportSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(parsed.summary.interrupted).toBe(true);
    expect([parsed.orders, parsed.fills, parsed.trades, parsed.equity.perMinute]).toEqual([[], [], [], []]);
  });

  it('refuses_a_value_the_schema_does_not_allow_naming_the_field', async () => {
    const bad = result({ orders: [{ ...order, qty: '10' as unknown as number }] });
    await expect(writeBacktestReport(path.join(dir, 'bad.json'), settings, bad)).rejects.toThrow(/^--json report does not match schema v1: orders\[0\]\.qty: /);
    expect(existsSync(path.join(dir, 'bad.json'))).toBe(false);
  });
});
