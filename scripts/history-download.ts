import path from 'node:path';
import { loadDotenv } from '../scheduler/dotenv.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';
import { historyDownloadWiring, type HistoryDownloadWiring } from '../lib/compose/history-download.ts';
import { AlpacaBroker } from '../lib/adapters/alpaca/alpaca.broker.ts';
import { PgDownloadStore } from '../lib/adapters/replay/download/download-store.ts';
import { storeHistoryAssets } from '../lib/adapters/replay/download/history-assets.repo.ts';
import { runHistoryDownload } from '../lib/adapters/replay/download/history-download.ts';
import { progressLine, summaryLines } from '../lib/adapters/replay/download/download-report.ts';
import { terminalLine } from '../scheduler/terminal-line.ts';
import type { DownloadRequest } from '../lib/adapters/replay/download/download-plan.ts';
import type { Timeframe } from '../lib/domain/market.ts';
import { isAppError } from '../lib/shared/errors.ts';
import { fail, requireWindow, parseCli } from './cli-support.ts';

const USAGE = `usage: npm run history:download -- --from YYYY-MM-DD --to YYYY-MM-DD (--symbols A,B,BTC/USD | --universe)
         [--timeframe 1Min,1Day] [--news] [--crypto] [--feed iex|sip] [--adjustment raw|split|dividend|all]
         [--symbols-per-request N] [--page-limit N]

Downloads Alpaca bars (and with --news, news) for the New York dates --from..--to into DATABASE_URL's
history tables, which \`npm run backtest\` replays. Safe to stop and run again: it continues where it stopped.
  --universe     every active, tradable US equity Alpaca lists (with --crypto, the crypto pairs too)
  --crypto       with --universe, add the crypto pairs; alone, only the crypto pairs
  --feed         stocks feed (default iex, the free plan; sip needs a paid plan for the last 15 minutes)
  --adjustment   split (default), raw, dividend or all
Environment: APCA_API_KEY_ID, APCA_API_SECRET_KEY, DATABASE_URL; ALPACA_DATA_BASE_URL for the simulator
(npm run sim:alpaca); UPSTASH_REDIS_REST_URL/TOKEN to share the requests-a-minute budget with a running system.`;


const values = parseCli(process.argv.slice(2), {
    from: { type: 'string' },
    to: { type: 'string' },
    symbols: { type: 'string' },
    universe: { type: 'boolean', default: false },
    timeframe: { type: 'string', default: '1Min,1Day' },
    news: { type: 'boolean', default: false },
    crypto: { type: 'boolean', default: false },
    feed: { type: 'string', default: 'iex' },
    adjustment: { type: 'string', default: 'split' },
    'symbols-per-request': { type: 'string' },
    'page-limit': { type: 'string' },
    help: { type: 'boolean', default: false },
  }, USAGE);
const from = values.from ?? fail(`--from is required\n\n${USAGE}`);
const to = values.to ?? from;
requireWindow(from, to);
if (values.symbols && values.universe) fail('give either --symbols or --universe, not both');
if (!values.symbols && !values.universe && !values.crypto) fail(`say what to download: --symbols A,B or --universe (or --crypto)\n\n${USAGE}`);
const timeframes = values.timeframe.split(',').map((t) => t.trim());
for (const t of timeframes) if (!/^([1-9]|[1-5][0-9])Min$|^([1-9]|1[0-9]|2[0-3])Hour$|^1Day$|^1Week$/.test(t)) fail(`--timeframe: ${t} is not one of 1Min..59Min, 1Hour..23Hour, 1Day, 1Week`);
if (values.feed !== 'iex' && values.feed !== 'sip') fail(`--feed must be iex or sip (got ${values.feed})`);
if (!['raw', 'split', 'dividend', 'all'].includes(values.adjustment)) fail(`--adjustment must be raw, split, dividend or all (got ${values.adjustment})`);
const perRequest = values['symbols-per-request'] === undefined ? undefined : Number(values['symbols-per-request']);
if (perRequest !== undefined && !(Number.isInteger(perRequest) && perRequest >= 1 && perRequest <= 1000)) fail('--symbols-per-request must be an integer from 1 to 1000');
const pageLimit = values['page-limit'] === undefined ? undefined : Number(values['page-limit']);
if (pageLimit !== undefined && !(Number.isInteger(pageLimit) && pageLimit >= 1 && pageLimit <= 10_000)) fail('--page-limit must be an integer from 1 to 10000 (bars per page)');
const listed = (values.symbols ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
for (const s of listed) if (!/^[A-Z0-9.\-]{1,12}$|^[A-Z0-9]{2,10}\/[A-Z0-9]{2,10}$/.test(s)) fail(`--symbols: ${s} is not a stock symbol (AAPL, BRK.B) or a crypto pair (BTC/USD)`);

loadDotenv(path.resolve(import.meta.dirname, '..', '.env'));
let wiring: HistoryDownloadWiring;
try {
  wiring = historyDownloadWiring(process.env);
} catch (e) {
  fail(isAppError(e) ? e.message : String(e), 1);
}
const status = terminalLine(process.stdout, () => performance.now());
try {
  await migrate(wiring.pool, await readMigrations(MIGRATIONS_DIR));
  const broker = new AlpacaBroker(wiring.client);
  let stocks = listed.filter((s) => !s.includes('/'));
  let crypto = listed.filter((s) => s.includes('/'));
  // Alpaca lists US equities unless asked for another class.
  const wantCrypto = values.crypto || crypto.length > 0;
  const listAssets = async () => [...(await broker.getAssets({ status: 'active' })), ...(wantCrypto ? await broker.getAssets({ status: 'active', assetClass: 'crypto' }) : [])];
  if (values.universe || (values.crypto && listed.length === 0)) {
    const tradable = (await listAssets()).filter((a) => a.tradable);
    if (values.universe) stocks = tradable.filter((a) => a.assetClass === 'us_equity').map((a) => a.symbol);
    if (values.crypto) crypto = tradable.filter((a) => a.assetClass === 'crypto').map((a) => a.symbol);
  }
  const request: DownloadRequest = {
    from,
    to,
    stocks,
    crypto,
    timeframes: timeframes as Timeframe[],
    news: values.news,
    allNews: values.universe,
    feed: values.feed,
    adjustment: values.adjustment as DownloadRequest['adjustment'],
    ...(perRequest ? { symbolsPerRequest: perRequest } : {}),
    ...(pageLimit ? { pageLimit } : {}),
  };
  console.log(
    `Downloading ${from}..${to}: ${stocks.length} stock(s)${crypto.length ? ` and ${crypto.length} crypto pair(s)` : ''}, ${timeframes.join(', ')}${values.news ? ', news' : ''}; feed ${values.feed}, adjustment ${values.adjustment}` +
      `; request budget ${wiring.sharedBudget ? 'shared through Redis' : 'in this process only (no UPSTASH_REDIS_REST_URL)'}`,
  );
  const summary = await runHistoryDownload(
    {
      client: wiring.client,
      store: new PgDownloadStore(wiring.pool),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => Date.now(),
      assets: listAssets,
      storeAssets: (assets) => storeHistoryAssets(wiring.pool, assets, Date.now()),
      onProgress: (p) => status.show(progressLine(p)),
    },
    request,
  );
  status.clear();
  for (const line of summaryLines(summary)) console.log(line);
} catch (e) {
  status.clear();
  console.error(`Download stopped: ${isAppError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  console.error('Run the same command again to continue where it stopped.');
  process.exitCode = 1;
} finally {
  await wiring.close();
}
