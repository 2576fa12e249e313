import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebSystem, leaksIn, type WebSystem } from './support/web-system.ts';
import { nextFuzzRequest, type FuzzRequest } from './support/fuzz-requests.ts';
import { createRandom } from '../lib/shared/random.ts';

/**
 * A seeded fuzz campaign on loopback: FUZZ_REQUESTS (default 10,000) requests to every web function, the
 * invoke API (every worker) and the static files, with hostile queries, bodies and credentials. Every
 * answer must be below 500 and free of secrets, stack traces, SQL and paths. FUZZ_SEED replays a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);

const CONCURRENCY = 8;

interface Finding {
  request: FuzzRequest;
  status: number;
  problem: string;
  excerpt: string;
}

describe(`fuzz: ${REQUESTS} seeded requests (seed ${SEED}) on loopback`, () => {
  let sys: WebSystem;
  beforeAll(async () => {
    // Web and invoke-API calls share the namespace's 600 a minute, as on DigitalOcean: at this rate half the
    // campaign would be refused 429 before reaching a function, so the per-minute limit is lifted here
    // (the limits have their own tests: scheduler/invoke-api-async.test.ts, scheduler/web-server.test.ts).
    sys = await startWebSystem({ namespaceLimits: { concurrent: 120, perMinute: 1_000_000 } });
  }, 60_000);
  afterAll(async () => sys?.close());

  it('answers_every_request_below_500_and_leaks_nothing', async () => {
    const session = await sys.login();
    const web = sys.functions.filter((f) => f.web !== false).map((f) => f.id);
    const workers = sys.functions.filter((f) => f.web === false && f.id !== 'coordinator/tick').map((f) => f.id);
    const context = {
      namespace: 'catalyst',
      webFunctions: web,
      workerFunctions: workers,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      metricsToken: sys.env.METRICS_TOKEN!,
      basicAuth: `Basic ${Buffer.from(sys.apiKey).toString('base64')}`,
    };
    const random = createRandom(SEED);
    const requests = Array.from({ length: REQUESTS }, () => nextFuzzRequest(random, context));
    // A few whole ticks through the invoke API too (each runs every stage, so only a few).
    for (let i = 0; i < 3; i++) requests.splice(i * 997, 0, { kind: 'invoke', target: 'coordinator/tick', method: 'POST', path: '/api/v1/namespaces/catalyst/actions/coordinator/tick?blocking=true&result=true', headers: { authorization: context.basicAuth, 'content-type': 'application/json' }, body: '{"fence":1.5}' });
    const findings: Finding[] = [];
    const statuses = new Map<number, number>();
    const targets = new Set<string>();
    let next = 0;
    const started = performance.now();
    const timeBy = new Map<string, number>();
    const one = async (req: FuzzRequest) => {
      const t0 = performance.now();
      const res = await fetch(`${sys.server.url}${req.path}`, { method: req.method, headers: req.headers, ...(req.body === undefined ? {} : { body: req.body }) });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      targets.add(`${req.kind}:${req.target}`);
      timeBy.set(`${req.kind}:${req.target}`, (timeBy.get(`${req.kind}:${req.target}`) ?? 0) + performance.now() - t0);
      // The invoke API wraps the function's own answer: its status counts too.
      let inner = res.status;
      if (req.kind === 'invoke' && res.status === 200 && req.path.includes('result=true')) inner = (JSON.parse(text) as { statusCode?: number }).statusCode ?? 200;
      if (res.status >= 500 || inner >= 500) findings.push({ request: req, status: Math.max(res.status, inner), problem: '5xx', excerpt: text.slice(0, 300) });
      const head: string[] = [];
      res.headers.forEach((v, k) => head.push(`${k}: ${v}`));
      const leaks = leaksIn(`${head.join('\n')}\n${text}`, sys.secrets);
      if (leaks.length) findings.push({ request: req, status: res.status, problem: leaks.join(', '), excerpt: text.slice(0, 300) });
    };
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) await one(requests[next++]!);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${requests.length} requests in ${seconds.toFixed(1)} s (${Math.round(requests.length / seconds)}/s), seed ${SEED}, ${targets.size} targets; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; findings ${findings.length}`,
    );
    if (process.env.FUZZ_PROFILE) console.log([...timeBy].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${Math.round(v)} ms`).join('; '));
    for (const f of web) expect(targets.has(`web:${f}`), f).toBe(true);
    for (const f of workers) expect(targets.has(`invoke:${f}`), f).toBe(true);
    expect(findings.slice(0, 5)).toEqual([]);
  }, 300_000);
});
