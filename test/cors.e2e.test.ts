import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { poller, run, stop, type Running } from './support/dashboard-driver.ts';
import { startRuntimeServer, type RuntimeServer } from '../scheduler/web-server.ts';
import type { LoadedFunction, MainFn } from '../scheduler/function-registry.ts';

// The dashboard served from one origin and the functions from another, as deployed (App Platform vs
// doserverless.co), in Debian's Chromium: the browser itself judges the CORS headers.
const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const DIST = path.join(ROOT, 'dashboard', 'dist');
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** The dashboard's static files on their own origin; config.js points the API at `apiBase()`. */
function startDashboardOrigin(apiBase: () => string): Promise<{ origin: string; close: () => void }> {
  const server = http.createServer(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/$/, '/index.html');
    if (name === '/config.js') {
      res.writeHead(200, { 'content-type': MIME['.js']! });
      return res.end(`window.CATALYST_API_BASE = ${JSON.stringify(apiBase())};\n`);
    }
    try {
      const body = await readFile(path.join(DIST, path.basename(name)));
      res.writeHead(200, { 'content-type': MIME[path.extname(name)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

describe('the dashboard calls the functions from another origin', () => {
  let sys: Running;
  let dataDir = '';
  let functionsUrl = '';
  let dashboard: { origin: string; close: () => void };
  let browser: Browser;
  let page: Page;
  const until = poller(() => sys);
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium. Never download a browser for this test.`);
    const build = run(ROOT, ['--import', 'tsx', 'scripts/build-dashboard.ts'], {});
    if ((await build.exited) !== 0) throw new Error(`dashboard build failed:\n${build.output()}`);
    dashboard = await startDashboardOrigin(() => `${functionsUrl}api/v1/web/catalyst`);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-cors-e2e-'));
    sys = run(ROOT, ['--import', 'tsx', 'scheduler/start.ts'], {
      TRADING_MODE: 'sim', LOCAL_PORT: '0', LOCAL_DATA_DIR: dataDir, SIM_SPEED: '10', SIM_START: '2026-11-23T09:25:00-05:00', SIM_SYMBOLS: '20',
      REDIS_KEY_PREFIX: `cors-e2e-${randomBytes(4).toString('hex')}:`, DATABASE_URL: '', UPSTASH_REDIS_REST_URL: '', UPSTASH_REDIS_REST_TOKEN: '', DASHBOARD_PASSWORD_HASH: '', AUTH_TOKEN_SECRET: '',
      DASHBOARD_ORIGIN: dashboard.origin,
    });
    functionsUrl = (await until('the functions URL', 90_000, async () => sys.output().match(/Dashboard: (http\S+\/)/)?.[1]))!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (sys) await stop(sys, 20_000);
    dashboard?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 40_000);

  it('logs_in_and_loads_the_overview_with_exactly_the_dashboards_origin_allowed', async () => {
    expect(new URL(functionsUrl).origin).not.toBe(dashboard.origin);
    const password = (await until('the one-time password', 5_000, async () => sys.output().match(/Dashboard password for this run: (\S+)/)?.[1]))!;
    const allowed: string[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(functionsUrl)) allowed.push(r.headers()['access-control-allow-origin'] ?? '(none)');
    });
    await page.goto(`${dashboard.origin}/`);
    await page.fill('#password', password);
    await page.click('form.login button[type=submit]');
    await page.locator('[data-stat="Equity"] .value').waitFor({ timeout: 20_000 });
    // "—" until the first tick has stored the account; the overview refreshes live.
    await expect.poll(() => page.locator('[data-stat="Equity"] .value').textContent(), { timeout: 30_000 }).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(allowed.length).toBeGreaterThan(2);
    expect([...new Set(allowed)]).toEqual([dashboard.origin]);
    expect(consoleErrors.filter((e) => /CORS|Access-Control/i.test(e))).toEqual([]);
  }, 60_000);
});

describe('Chromium refuses a function that sets its own origin without web-custom-options', () => {
  let runtime: RuntimeServer;
  let dashboard: { origin: string; close: () => void };
  let browser: Browser;
  const own: MainFn = async () => ({ statusCode: 200, headers: { 'access-control-allow-origin': dashboard.origin }, body: { ok: true } });
  const fn = (id: string, webCustomOptions: boolean): LoadedFunction => ({
    spec: { package: 'reporting', name: id, id: `reporting/${id}`, runtime: 'nodejs:22', main: 'main', web: true, webSecure: false, webCustomOptions, limits: { timeout: 2000, memory: 128 }, environment: {}, triggers: [] },
    main: own,
  });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}`);
    dashboard = await startDashboardOrigin(() => '');
    runtime = await startRuntimeServer({ namespace: 'ns', apiKey: 'u:k', functions: new Map([fn('plain', false), fn('custom', true)].map((f) => [f.spec.id, f])) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    dashboard?.close();
  });

  it('fails_the_fetch_on_two_origins_and_succeeds_with_the_annotation', async () => {
    const page = await browser.newPage();
    await page.goto(`${dashboard.origin}/`);
    const probe = (url: string) => page.evaluate((u) => fetch(u).then((r) => `ok ${r.status}`, (e: Error) => `refused ${e.name}`), url);
    expect(await probe(runtime.webUrl('reporting/plain'))).toBe('refused TypeError');
    expect(await probe(runtime.webUrl('reporting/custom'))).toBe('ok 200');
  }, 30_000);
});
