import type { Clock } from '../../ports/clock.port.ts';
import type { ServiceRunsStore } from '../../ports/service-runs.port.ts';
import type { EpochMs } from '../../domain/time.ts';

/** One dependency the system needs, checked by a cheap round trip. */
export interface DependencyProbe {
  name: 'database' | 'redis' | 'broker' | string;
  /** Resolves when the dependency answers, optionally with secret-free figures (requests left per host). */
  check(): Promise<void | Record<string, number>>;
}

export interface DependencyStatus {
  ok: boolean;
  latencyMs: number;
  /** A short, secret-free reason when not ok (an error code or class, never a connection string). */
  error?: string;
  /** What the probe reported besides reaching the dependency (the broker: requests left per host this minute). */
  details?: Record<string, number>;
}

export interface ServiceStatus {
  lastSuccessAt: string | null;
  ageSeconds: number | null;
  stale: boolean;
  lastFailureAt: string | null;
  lastErrorCode: string | null;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  mode: string;
  checkedAt: string;
  dependencies: Record<string, DependencyStatus>;
  services: Record<string, ServiceStatus>;
}

/**
 * The services whose runs health watches. Reporting answers requests (this health answer is one) and the
 * dashboard is a static site: neither has runs of its own to go stale.
 */
export const SERVICES = ['coordinator', 'news', 'scanner', 'patterns', 'technical', 'trading'] as const;

export interface HealthDeps {
  probes: readonly DependencyProbe[];
  runs: ServiceRunsStore | null;
  /** Wall clock: run ages are about real time even when the market clock is simulated. */
  clock: Clock;
  mode: string;
  staleAfterSeconds: number;
  /** The coordinator counts as down once its runs have failed, without a success, for this long (default 120 s). */
  failingAfterSeconds?: number;
  timeoutMs?: number;
}

function safeReason(e: unknown): string {
  if (e && typeof e === 'object') {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
    if (e instanceof Error && e.name === 'TimeoutError') return 'TIMEOUT';
  }
  return 'UNREACHABLE';
}

async function probe(p: DependencyProbe, timeoutMs: number): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const details = await Promise.race([
      p.check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started), ...(details ? { details } : {}) };
  } catch (e) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: safeReason(e) };
  } finally {
    clearTimeout(timer);
  }
}

const iso = (t: EpochMs | null) => (t === null ? null : new Date(t).toISOString());

/** Checks every dependency in parallel and reports each service's last successful run. */
export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const timeoutMs = deps.timeoutMs ?? 2000;
  const results = await Promise.all(deps.probes.map(async (p) => [p.name, await probe(p, timeoutMs)] as const));
  const dependencies = Object.fromEntries(results);
  const now = deps.clock.now();
  const services: Record<string, ServiceStatus> = {};
  let runsOk = true;
  const runs = deps.runs && dependencies.database?.ok !== false ? await deps.runs.list().catch(() => ((runsOk = false), [])) : [];
  for (const service of SERVICES) {
    const mine = runs.filter((r) => r.service === service);
    const lastSuccess = mine.reduce<number | null>((m, r) => (r.lastSuccessAt !== null && (m === null || r.lastSuccessAt > m) ? r.lastSuccessAt : m), null);
    const lastFailureRun = mine.reduce<(typeof mine)[number] | null>(
      (m, r) => (r.lastFailureAt !== null && (m === null || r.lastFailureAt > (m.lastFailureAt ?? 0)) ? r : m),
      null,
    );
    const ageSeconds = lastSuccess === null ? null : Math.max(0, Math.round((now - lastSuccess) / 1000));
    services[service] = {
      lastSuccessAt: iso(lastSuccess),
      ageSeconds,
      stale: ageSeconds !== null && ageSeconds > deps.staleAfterSeconds,
      lastFailureAt: iso(lastFailureRun?.lastFailureAt ?? null),
      lastErrorCode: lastFailureRun?.lastErrorCode ?? null,
    };
  }
  // Every tick failing is an outage whatever the cause (a dependency the probes do not see, a refused token,
  // a bug): the coordinator's last run failed and it has not succeeded for a while.
  const coordinator = services.coordinator!;
  const lastFailure = coordinator.lastFailureAt === null ? null : Date.parse(coordinator.lastFailureAt);
  const lastSuccessMs = coordinator.lastSuccessAt === null ? null : Date.parse(coordinator.lastSuccessAt);
  const ticksFailing = lastFailure !== null && (lastSuccessMs === null || lastFailure > lastSuccessMs) && (lastSuccessMs === null || now - lastSuccessMs > (deps.failingAfterSeconds ?? 120) * 1000);
  const down = results.some(([, s]) => !s.ok) || ticksFailing;
  const stale = Object.values(services).some((s) => s.stale) || !runsOk;
  return {
    status: down ? 'down' : stale ? 'degraded' : 'ok',
    mode: deps.mode,
    checkedAt: new Date(now).toISOString(),
    dependencies,
    services,
  };
}
