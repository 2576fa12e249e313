import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, runtimeEnvFor, type TestDb } from '../../../../test/support/db.ts';
import { PgDownloadStore } from './download-store.ts';
import { downloadClient, DOWNLOAD_KEYS, startHistoryFacade, steppedClock, type HistoryFacade } from './download-fixture.ts';
import { runHistoryDownload } from './history-download.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const FROM = '2026-04-06';
const TO = '2026-04-09';
const PAGE_LIMIT = 800;

/** A proxy in front of the facade that counts requests and, at request `killAt`, kills the download's process. */
interface KillingProxy {
  url: string;
  requests: number;
  /** Market data requests (bars, news) among them; the rest is the asset list on the trading host. */
  dataRequests: number;
  killAt: number | null;
  child: ChildProcess | null;
  close(): Promise<void>;
}

async function killingProxy(target: string): Promise<KillingProxy> {
  const proxy: KillingProxy = { url: '', requests: 0, dataRequests: 0, killAt: null, child: null, close: async () => undefined };
  const server = http.createServer((req, res) => {
    proxy.requests++;
    if (/^\/(v2\/stocks|v1beta\d)\//.test(req.url ?? '')) proxy.dataRequests++;
    if (proxy.killAt !== null && proxy.requests === proxy.killAt) {
      // Killed with its request in flight: never answered.
      proxy.child?.kill('SIGKILL');
      res.destroy();
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection')) as Record<string, string>;
    void fetch(`${target}${req.url}`, { method: req.method, headers })
      .then(async (r) => {
        const body = Buffer.from(await r.arrayBuffer());
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }).end(body);
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise((resolve) => server.close(() => resolve()));
  return proxy;
}

/** Runs `npm run history:download` as its own process; resolves with its exit code (null when killed) and output. */
function runCli(proxy: KillingProxy, db: TestDb, args: string[]): Promise<{ code: number | null; signal: string | null; out: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...runtimeEnvFor(db), APCA_API_KEY_ID: DOWNLOAD_KEYS.keyId, APCA_API_SECRET_KEY: DOWNLOAD_KEYS.secretKey, ALPACA_DATA_BASE_URL: proxy.url, ALPACA_TRADING_BASE_URL: proxy.url, ALPACA_DATA_REQUESTS_PER_MINUTE: '10000' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/history-download.ts', ...args], { cwd: ROOT, env });
  proxy.child = child;
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
}

/** Everything the download stores, in a comparable order. */
async function contents(db: TestDb) {
  const bars = await db.pool.query('SELECT symbol, timeframe, t, o, h, l, c, v, vw, n, source FROM history_bars ORDER BY symbol, timeframe, t');
  const news = await db.pool.query('SELECT source, source_id, version, published_at, headline, summary, url, symbols, content_hash, meta FROM history_news ORDER BY source, source_id, version');
  const checkpoints = await db.pool.query('SELECT dataset, symbol, timeframe, feed, adjustment, range_from, range_to, rows_stored FROM history_download_checkpoints ORDER BY 1, 2, 3, 4, 5, 6, 7');
  return { bars: bars.rows, news: news.rows, checkpoints: checkpoints.rows };
}

/** A small seeded generator, so a failing kill point can be replayed. */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

let h: HistoryFacade;
let reference: TestDb;
let killed: TestDb;
let proxy: KillingProxy;
beforeAll(async () => {
  h = await startHistoryFacade();
  proxy = await killingProxy(h.facade.url);
  [reference, killed] = await Promise.all([createTestDb(), createTestDb()]);
});
afterAll(async () => {
  await proxy.close();
  await h.facade.close();
  await Promise.all([reference.drop(), killed.drop()]);
});

describe('history download killed mid-run', () => {
  it('resumes_after_being_killed_twice_at_random_requests_and_stores_exactly_what_an_uninterrupted_run_stores', async () => {
    const args = ['--from', FROM, '--to', TO, '--symbols', [...h.stocks, ...h.pairs].join(','), '--timeframe', '1Min,1Day', '--news', '--page-limit', String(PAGE_LIMIT)];
    const clock = steppedClock();
    const whole = await runHistoryDownload(
      { client: downloadClient(h.facade.url, clock), store: new PgDownloadStore(reference.pool), sleep: clock.sleep, now: clock.now },
      { from: FROM, to: TO, stocks: h.stocks, crypto: h.pairs, timeframes: ['1Min', '1Day'], news: true, feed: 'iex', adjustment: 'split', pageLimit: PAGE_LIMIT },
    );
    expect(whole.requests).toBeGreaterThan(10);

    const seed = Number(process.env.CATALYST_KILL_SEED ?? Date.now() % 100_000);
    const random = seeded(seed);
    const first = 2 + Math.floor(random() * (whole.requests - 3));
    proxy.killAt = first;
    const run1 = await runCli(proxy, killed, args);
    expect(run1.signal, `seed ${seed}: ${run1.out}`).toBe('SIGKILL');

    proxy.requests = 0;
    proxy.killAt = 1 + Math.floor(random() * Math.max(1, whole.requests - first));
    const run2 = await runCli(proxy, killed, args);
    expect(run2.signal, `seed ${seed}: ${run2.out}`).toBe('SIGKILL');

    const finishedBefore = (await killed.pool.query('SELECT 1 FROM history_download_checkpoints')).rowCount ?? 0;
    proxy.requests = 0;
    proxy.dataRequests = 0;
    proxy.killAt = null;
    const run3 = await runCli(proxy, killed, args);
    expect(run3.code, `seed ${seed}: ${run3.out}`).toBe(0);
    // Piped, it prints no progress line, only the summary.
    expect(run3.out).not.toContain('\r');
    expect(run3.out).toMatch(/Done in .*request\(s\)/);
    if (finishedBefore > 0) {
      // It continued where the killed runs stopped rather than starting over.
      expect(run3.out).toContain('Resumed:');
      expect(proxy.dataRequests, `seed ${seed}`).toBeLessThan(whole.requests);
    }

    expect(await contents(killed), `seed ${seed}`).toEqual(await contents(reference));

    proxy.dataRequests = 0;
    const run4 = await runCli(proxy, killed, args);
    expect(run4.code).toBe(0);
    expect(proxy.dataRequests).toBe(0);
    expect(run4.out).toContain('Stored 0 new or changed bar(s) and 0 news version(s)');
  }, 240_000);
});
