import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from './support/db.ts';
import { bodyOf, importMains, lateInvoker, runtimeFor, steppingClock, WORKER_IDS, tearDownInProcessSystem } from './support/sim-system.ts';
import type { Runtime } from '../lib/compose/runtime.ts';
import type { TickReport } from '../lib/app/coordinator/run-tick.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { defaultSimStart, HISTORY_DAYS } from '../scheduler/sim-clock.ts';

/**
 * A newcomer's first `npm start`, in process: the simulator with every default (seed, universe, news rate), its
 * clock starting where `npm start` starts it on a fresh machine (the session's 09:20 New York) and stepped a
 * simulated minute per tick, as far as five minutes of wall clock reach at the default SIM_SPEED less the
 * start-up. It must have sent an entry by then, on any of several ordinary days; nothing about the strategy or
 * the risk limits is changed. Wall time is not measured here (a loaded machine); the budget is in simulated minutes.
 */
const MINUTE = 60_000;
/** What `npm start` spends before its first tick (embedded Postgres, migrations, the functions): 59 s measured on a busy machine. */
const START_UP_MS = 60_000;
const DEFAULTS = loadConfig({ TRADING_MODE: 'sim' });
if (DEFAULTS.TRADING_MODE !== 'sim') throw new Error('expected the sim defaults');
const BUDGET_SIM_MINUTES = Math.floor(((5 * MINUTE - START_UP_MS) * DEFAULTS.SIM_SPEED) / MINUTE);
/** Ordinary sessions (a Monday, a Monday, a Tuesday); FIRST_TRADE_DAYS=YYYY-MM-DD,... tries others. */
const DAYS = (process.env.FIRST_TRADE_DAYS ?? '2026-11-16,2026-12-07,2027-01-12').split(',');

async function firstEntryMinute(db: TestDb, day: string): Promise<{ minute: number | null; log: string[] }> {
  const first = defaultSimStart(newYorkTime(day, '04:00'));
  const clock = steppingClock(first);
  const late = lateInvoker();
  // Only what a fresh machine has: no SIM_* setting, so the defaults apply.
  const raw = { TRADING_MODE: 'sim', ...runtimeEnvFor(db), REDIS_KEY_PREFIX: `test:${randomBytes(5).toString('hex')}:`, LOG_LEVEL: 'error' };
  runtime = runtimeFor(raw, { clock, simMarketStart: addDays(day, -HISTORY_DAYS), invoker: late });
  const mains = await importMains([...WORKER_IDS, 'coordinator/tick'], runtime);
  late.bind(mains);
  const log: string[] = [];
  for (let m = 0; m <= BUDGET_SIM_MINUTES; m++) {
    clock.set(first + m * MINUTE);
    const report = bodyOf<TickReport>(await mains.get('coordinator/tick')!({}));
    const stages = report.stages.map((s) => `${s.name}(${Object.entries(s.counts ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')})`).join(' ');
    log.push(`${new Date(first + m * MINUTE).toISOString().slice(11, 16)}Z ${stages}`);
    if (report.stages.some((s) => s.name === 'execute' && (s.counts?.sent ?? 0) > 0)) return { minute: m, log };
  }
  const { rows } = await db.pool.query<{ at: Date; symbol: string; direction: string; score: number; explanation: string }>(
    'SELECT at, symbol, direction, score, explanation FROM signals ORDER BY at, symbol',
  );
  for (const r of rows) log.push(`signal ${r.at.toISOString().slice(11, 16)}Z ${r.symbol} ${r.direction} ${r.score.toFixed(2)}: ${r.explanation}`);
  return { minute: null, log };
}

let runtime: Runtime | undefined;

describe('a first npm start with the defaults', () => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await tearDownInProcessSystem(runtime, db);
    runtime = undefined;
    db = undefined;
  });

  it.each(DAYS)('sends_an_entry_within_five_wall_clock_minutes_at_the_default_speed_on_%s', async (day) => {
    db = await createTestDb();
    const { minute, log } = await firstEntryMinute(db, day);
    // The figure a person reading the run wants: how far into the budget the first entry came.
    console.log(`${day}: first entry after ${minute ?? 'none within'} simulated minutes (budget ${BUDGET_SIM_MINUTES} at SIM_SPEED=${DEFAULTS.SIM_SPEED})`);
    expect(minute, log.join('\n')).not.toBeNull();
  }, 900_000);
});
