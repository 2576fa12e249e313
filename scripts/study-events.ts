import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { fail, parseCli, requireWindow } from './cli-support.ts';
import { openStudyHistory } from './study-history.ts';
import { loadEventStudyData } from '../lib/adapters/replay/event-study-data.ts';
import { DEFAULT_NEWS_LATENCY, describeNewsLatency, newsDelayOf } from '../lib/adapters/sim/sim-news-source.ts';
import { runEventStudy } from '../lib/app/research/event-study.ts';
import { formatEventStudy } from '../lib/app/research/event-study-report.ts';
import { DEFAULT_HORIZONS } from '../lib/domain/research/forward-returns.ts';
import { DEFAULT_BOOTSTRAP } from '../lib/domain/research/sample-stats.ts';
import { addDays, newYorkTime } from '../lib/domain/calendar/new-york-time.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { saveProblem, saveResearchRun } from '../scheduler/research/save-research-run.ts';

/**
 * `npm run study -- events --from D --to D [--symbols A,B] [--index SPY] [--seed N] [--json FILE] [--save] [--synthetic]`:
 * the event study of every stored news story known in the window (see lib/app/research/event-study-report.ts
 * for what each figure means). `--save` stores the study as a research run in DATABASE_URL (the dashboard's
 * Research page). `--synthetic` studies the synthetic market (SIM_SEED, SIM_SYMBOLS, SIM_NEWS_RATE).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const USAGE = 'usage: npm run study -- events --from YYYY-MM-DD --to YYYY-MM-DD [--symbols A,B] [--index SPY] [--seed N] [--json FILE] [--save] [--synthetic]';

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  symbols: { type: 'string' },
  index: { type: 'string', default: 'SPY' },
  seed: { type: 'string', default: '1' },
  json: { type: 'string' },
  save: { type: 'boolean', default: false },
  synthetic: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;
const values = parseCli(process.argv.slice(3), OPTIONS, USAGE);
const from = values.from ?? fail(`--from is required (the first New York date whose news is studied)\n${USAGE}`);
const to = values.to ?? from;
requireWindow(from, to);
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a whole number >= 0 (got ${values.seed})`);
const symbols = values.symbols?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);

loadDotenv(path.join(ROOT, '.env'));
if (values.save) {
  const problem = saveProblem(process.env.DATABASE_URL || undefined);
  if (problem) fail(problem, 1);
}
const env = loadConfig({ ...process.env, TRADING_MODE: 'backtest' }) as Extract<ReturnType<typeof loadConfig>, { TRADING_MODE: 'backtest' }>;
const say = (line: string) => console.error(line);
const history = await openStudyHistory({
  databaseUrl: process.env.DATABASE_URL || undefined,
  synthetic: values.synthetic ? { seed: env.SIM_SEED, symbols: env.SIM_SYMBOLS, newsRate: env.SIM_NEWS_RATE } : null,
  from,
  to,
  say,
}).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e), 1));
try {
  const data = await loadEventStudyData(history.repo, { from, to, ...(symbols ? { symbols } : {}), indexSymbol: values.index, ...(history.spreadBps ? { spreadBps: history.spreadBps } : {}) });
  const doc = runEventStudy({
    ...data,
    assets: history.assets ?? [],
    latencyOf: (item) => newsDelayOf(item, DEFAULT_NEWS_LATENCY),
    newsLatency: describeNewsLatency(DEFAULT_NEWS_LATENCY),
    from: newYorkTime(from, '00:00'),
    to: newYorkTime(addDays(to, 1), '00:00'),
    fromDate: from,
    toDate: to,
    ...(symbols ? { symbols: new Set(symbols) } : {}),
    indexSymbol: values.index,
    horizons: DEFAULT_HORIZONS,
    seed,
    bootstrap: DEFAULT_BOOTSTRAP,
  });
  console.log(formatEventStudy(doc).join('\n'));
  if (values.json) {
    await writeFile(values.json, `${JSON.stringify(doc, null, 2)}\n`);
    say(`Wrote ${values.json} (${doc.format} v${doc.version})`);
  }
  if (values.save) {
    const id = await saveResearchRun(process.env.DATABASE_URL!, (archive) => archive.saveEventStudy(doc), process.env.DATABASE_CA_CERT || undefined);
    say(`Saved as research run #${id} (the dashboard's Research page)`);
  }
} finally {
  await history.close();
}
