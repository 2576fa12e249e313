import { readFileSync } from 'node:fs';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { PgDownloadStore } from '../lib/adapters/replay/download/download-store.ts';
import type { Bar } from '../lib/domain/market.ts';
import { printFigures, printSection } from './report.ts';
import { BENCH_DATABASE_URL, scratchSchema } from './scratch-db.ts';

const SYMBOLS = 200;
const BARS_PER_SYMBOL = 2_500;
const PAGE = 10_000;
/** Pages in flight at once, each on its own connection: the download overlaps fetching and storing likewise. */
const WRITERS = 2;

/** Pages of 10,000 one-minute bars (Alpaca's largest page), symbol by symbol as Alpaca sorts them. */
function pages(): Map<string, Bar[]>[] {
  const out: Map<string, Bar[]>[] = [];
  let page = new Map<string, Bar[]>();
  let count = 0;
  const t0 = Date.UTC(2026, 0, 5, 14, 30);
  for (let s = 0; s < SYMBOLS; s++) {
    const symbol = `S${String(s).padStart(4, '0')}`;
    let price = 20 + s;
    for (let i = 0; i < BARS_PER_SYMBOL; i++) {
      const o = price;
      price = Math.max(1, price * (1 + Math.sin(s * 7 + i) * 0.002));
      const bar: Bar = { t: t0 + i * 60_000, o, h: Math.max(o, price) * 1.001, l: Math.min(o, price) * 0.999, c: price, v: 1000 + ((s * 31 + i * 17) % 5000), n: 10 + (i % 90), vw: (o + price) / 2 };
      const list = page.get(symbol) ?? [];
      list.push(bar);
      page.set(symbol, list);
      if (++count === PAGE) {
        out.push(page);
        page = new Map();
        count = 0;
      }
    }
  }
  if (count) out.push(page);
  return out;
}

/**
 * History ingest: the download's store (one insert per 10,000-bar page, columns as binary arrays
 * through unnest) into a fresh schema of the real PostgreSQL, two pages in flight on two connections
 * (the download overlaps fetching and storing). Then the same pages again: a re-run stores nothing and must stay fast.
 */
/** CPU milliseconds the given local Postgres server processes have used (utime + stime, 10 ms ticks). */
function serverCpuMs(pids: readonly number[]): number {
  let ms = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ms += (Number(fields[11]) + Number(fields[12])) * 10;
  }
  return ms;
}

export async function benchHistoryIngest(): Promise<boolean> {
  printSection(`history ingest (${SYMBOLS} symbols x ${BARS_PER_SYMBOL} one-minute bars, pages of ${PAGE})`);
  const scratch = await scratchSchema(BENCH_DATABASE_URL);
  const app = `catalyst-bench-ingest-${process.pid}`;
  const pool = createPool({ url: scratch.url, max: WRITERS, applicationName: app });
  try {
    const store = new PgDownloadStore(pool);
    const all = pages();
    const total = SYMBOLS * BARS_PER_SYMBOL;
    // Open both connections, then find their server processes (the database runs on this machine).
    await Promise.all(Array.from({ length: WRITERS }, () => pool.query('SELECT pg_sleep(0.05)')));
    const pids = (await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [app])).rows.map((r) => r.pid);
    const run = async () => {
      const start = process.hrtime.bigint();
      const cpu0 = process.cpuUsage();
      const server0 = serverCpuMs(pids);
      let stored = 0;
      let next = 0;
      const writer = async () => {
        while (next < all.length) {
          const n = await store.storeBars({ timeframe: '1Min', bySymbol: all[next++]!, source: 'bench' });
          stored += n;
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, writer));
      const client = process.cpuUsage(cpu0);
      const clientSeconds = (client.user + client.system) / 1e6;
      const serverSeconds = (serverCpuMs(pids) - server0) / 1000;
      return { stored, seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: clientSeconds + serverSeconds, clientSeconds, serverSeconds };
    };
    const first = await run();
    const again = await run();
    if (first.stored !== total || again.stored !== 0) throw new Error(`ingest stored ${first.stored} then ${again.stored} (expected ${total} then 0)`);
    return printFigures([
      { name: 'bars stored per second (empty table)', value: Math.round(total / first.seconds), unit: 'bars/s', target: { value: 100_000, better: 'higher' } },
      { name: 'bars checked per second (re-run, nothing stored)', value: Math.round(total / again.seconds), unit: 'bars/s', target: { value: 100_000, better: 'higher' } },
      { name: 'bars stored per CPU second (client + Postgres)', value: Math.round(total / first.cpuSeconds), unit: 'bars/s' },
      { name: '  client CPU (encoding, sending)', value: Math.round(first.clientSeconds * 1000), unit: 'ms' },
      { name: `  Postgres CPU (the ${WRITERS} writers' backends)`, value: Math.round(first.serverSeconds * 1000), unit: 'ms' },
      { name: `CPU busy while storing (of ${WRITERS} writers' wall time)`, value: Math.round((100 * first.cpuSeconds) / (first.seconds * WRITERS)), unit: '%' },
    ]);
  } finally {
    await pool.end();
    await scratch.drop();
  }
}
