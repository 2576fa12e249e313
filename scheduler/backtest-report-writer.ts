import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import type * as z from 'zod/mini';
import type { BacktestResult } from '../lib/compose/backtest/backtest-types.ts';
import {
  BACKTEST_REPORT_SCHEMA_VERSION,
  backtestReportSchema,
  minuteEquitySchema,
  reportFillSchema,
  reportMetricsSchema,
  reportOrderSchema,
  reportSettingsSchema,
  reportSummarySchema,
  reportTradeSchema,
  sessionEquitySchema,
  type BacktestReportFile,
} from './backtest-report.schema.ts';

const shape = backtestReportSchema.shape;

export type ReportSettings = z.infer<typeof reportSettingsSchema>;

/** Parses `value` with `schema`, or throws naming the field of the report and what was wrong. */
function checked<T>(schema: z.ZodMiniType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new Error(`--json report does not match schema v${BACKTEST_REPORT_SCHEMA_VERSION}: ${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`);
}

/** The report's `summary` part: what the run did (counts, wall time, where the time went). */
export function reportSummaryOf(result: BacktestResult): z.infer<typeof reportSummarySchema> {
  const detail = result.detail ?? { fills: [], trades: [] };
  return {
    interrupted: result.interrupted,
    sessionsReplayed: result.days.length,
    ticks: result.ticks,
    failedTicks: result.failedTicks,
    bars: result.bars,
    wallMs: result.wallMs,
    barsPerSecond: result.wallMs > 0 ? (result.bars * 1000) / result.wallMs : 0,
    orders: result.orders.length,
    fills: detail.fills.length,
    trades: detail.trades.length,
    errors: result.errors,
    stageTotals: result.stageTotals,
  };
}

/**
 * The same report as one value, parsed whole through the schema (what `--save` stores as a research run;
 * a run's report fits in memory, since the run itself held it).
 */
export function backtestReportDocument(settings: ReportSettings, result: BacktestResult): BacktestReportFile {
  const detail = result.detail ?? { fills: [], trades: [] };
  return checked(backtestReportSchema, {
    schemaVersion: BACKTEST_REPORT_SCHEMA_VERSION,
    settings,
    summary: reportSummaryOf(result),
    metrics: result.performance,
    assumptions: result.assumptions,
    warnings: result.warnings,
    digest: result.digest,
    equity: { perSession: result.days, perMinute: result.equityPerMinute },
    orders: result.orders,
    fills: detail.fills,
    trades: detail.trades,
  }, 'report');
}

/**
 * Writes a backtest's result as the versioned report of backtest-report.schema.ts, each part validated
 * against its schema as it goes, and streamed element by element: a year of minute equity and every fill
 * never becomes one giant string.
 */
export async function writeBacktestReport(file: string, settings: ReportSettings, result: BacktestResult): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  const array = async <T>(key: string, schema: z.ZodMiniType<T>, items: readonly unknown[], last = false) => {
    await write(`${JSON.stringify(key)}: [`);
    for (const [i, item] of items.entries()) await write(`${i ? ',' : ''}\n  ${JSON.stringify(checked(schema, item, `${key}[${i}]`))}`);
    await write(`${items.length ? '\n' : ''}]${last ? '' : ',\n'}`);
  };
  const field = async <T>(key: string, schema: z.ZodMiniType<T>, value: unknown) => write(`${JSON.stringify(key)}: ${JSON.stringify(checked(schema, value, key))},\n`);
  const detail = result.detail ?? { fills: [], trades: [] };
  try {
    await write(`{\n"schemaVersion": ${BACKTEST_REPORT_SCHEMA_VERSION},\n`);
    await field('settings', reportSettingsSchema, settings);
    await field('summary', reportSummarySchema, reportSummaryOf(result));
    await field('metrics', reportMetricsSchema, result.performance);
    await field('assumptions', shape.assumptions, result.assumptions);
    await field('warnings', shape.warnings, result.warnings);
    await field('digest', shape.digest, result.digest);
    await write('"equity": {\n');
    await array('perSession', sessionEquitySchema, result.days);
    await array('perMinute', minuteEquitySchema, result.equityPerMinute, true);
    await write('\n},\n');
    await array('orders', reportOrderSchema, result.orders);
    await array('fills', reportFillSchema, detail.fills);
    await array('trades', reportTradeSchema, detail.trades, true);
    await write('\n}\n');
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (e) {
    // A half-written report would read as a truncated one: leave no file rather than a wrong one.
    out.destroy();
    await rm(file, { force: true });
    throw e;
  }
}
