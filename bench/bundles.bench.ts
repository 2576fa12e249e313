import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildFunctions } from '../scripts/build.ts';
import { BUNDLE_BUDGET_KB, bundleBudgetKb } from '../scripts/bundle-contents.ts';
import { chooseBackend } from '../lib/adapters/redis/local-endpoint/choose-backend.ts';
import { startUpstashEndpoint } from '../lib/adapters/redis/local-endpoint/server.ts';
import { median, printFigures, printSection, type Figure } from './report.ts';

// Wall and CPU milliseconds of `require` in a fresh process. CPU time is the target's measure: on a shared
// machine wall time mostly measures the neighbours (both are printed).
const LOAD = `const t=process.hrtime.bigint(),c=process.cpuUsage();require(process.argv[1]);const u=process.cpuUsage(c);process.stdout.write(JSON.stringify({wall:Number(process.hrtime.bigint()-t)/1e6,cpu:(u.user+u.system)/1e3}))`;
const INVOKE = `const m=require(process.argv[1]);m.main({}).then(r=>{process.stdout.write(JSON.stringify({status:r.statusCode,maxRssKb:process.resourceUsage().maxRSS}));process.exit(0)})`;
const BASELINE = `process.stdout.write(String(process.resourceUsage().maxRSS))`;

/** Per function bundle: size, cold module-load time (median of 10 fresh processes), peak memory of one invocation. */
export async function benchBundles(): Promise<boolean> {
  printSection('Function bundles (npm run build)');
  const built = await buildFunctions();
  const backend = await chooseBackend(process.env.LOCAL_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const token = randomBytes(12).toString('hex');
  const endpoint = await startUpstashEndpoint({ backend, token });
  const env = {
    ...process.env,
    // Deployed bundles trade paper or live (the simulator is not in them); nothing here reaches Alpaca but health.
    TRADING_MODE: 'paper',
    APCA_API_KEY_ID: 'PKBENCH',
    APCA_API_SECRET_KEY: 'bench-secret-not-real',
    DASHBOARD_PASSWORD_HASH: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
    AUTH_TOKEN_SECRET: 'bench-token-secret-of-at-least-32-characters',
    FUNCTIONS_API_HOST: 'http://127.0.0.1:9',
    FUNCTIONS_API_KEY: 'bench:key',
    LOG_LEVEL: 'error',
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    UPSTASH_REDIS_REST_URL: endpoint.url,
    UPSTASH_REDIS_REST_TOKEN: token,
  };
  const baselineKb = Number(execFileSync(process.execPath, ['-e', BASELINE]).toString());
  let ok = true;
  try {
    for (const b of built) {
      // As deployed: the zip holds index.js alone (no package.json), so it loads as CommonJS.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fn-'));
      const file = path.join(dir, 'index.js');
      copyFileSync(b.file, file);
      const loads = Array.from({ length: 10 }, () => JSON.parse(execFileSync(process.execPath, ['-e', LOAD, file], { env }).toString()) as { wall: number; cpu: number });
      // Asynchronous: the Redis endpoint lives in this process and must keep answering.
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', INVOKE, file], { env });
      // Log lines share stdout: the figures are the last line.
      const inv = JSON.parse(stdout.trim().split('\n').at(-1)!) as { status: number; maxRssKb: number };
      const figures: Figure[] = [
        { name: `${b.id}: bundle size`, value: Math.round(b.bytes / 1024), unit: 'KB', target: { value: bundleBudgetKb(b.id), better: 'lower' } },
        { name: `${b.id}: cold module load, CPU (median of 10)`, value: median(loads.map((l) => l.cpu)), unit: 'ms', target: { value: 150, better: 'lower' } },
        { name: `${b.id}: cold module load, wall (median of 10)`, value: median(loads.map((l) => l.wall)), unit: 'ms' },
        {
          name: `${b.id}: peak RSS, one invocation (HTTP ${inv.status})`,
          value: Math.round(inv.maxRssKb / 1024),
          unit: 'MB',
          target: { value: 128, better: 'lower' },
        },
      ];
      ok = printFigures(figures) && ok;
      const raised = BUNDLE_BUDGET_KB.exceptions[b.id];
      if (raised) console.log(`  (${b.id}: budget ${raised.kb} KB, not ${BUNDLE_BUDGET_KB.default} KB; ${raised.measuredKb} KB when raised: ${raised.reason})`);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`  (an empty node process peaks at ${Math.round(baselineKb / 1024)} MB on this machine)`);
  } finally {
    await endpoint.close();
  }
  return ok;
}
