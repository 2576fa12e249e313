import type { Runtime } from './runtime.ts';
import { runsStore } from './stores.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import { getWorld } from './world.ts';
import { functionsProbe } from './invoker.ts';
import type { DependencyProbe, HealthDeps } from '../app/health/check-health.ts';

/** Wires the health check: database and Redis round trips, the broker's clock, and recorded runs. */
export function composeHealth(rt: Runtime): HealthDeps {
  const env = rt.env;
  const pool = rt.pool();
  const redis = rt.redis();
  const probes: DependencyProbe[] = [
    { name: 'database', check: async () => void (await pool.query('SELECT 1')) },
    {
      name: 'redis',
      check: async () => {
        const pong = await redis.ping();
        if (pong !== 'PONG') throw Object.assign(new Error('bad ping'), { code: 'BAD_REPLY' });
      },
    },
    {
      name: 'broker',
      check: async () => {
        const broker = getWorld(rt).broker as ReturnType<typeof getWorld>['broker'] & { budget?: () => Promise<Record<string, number>> };
        await broker.getClock();
        // Alpaca's shared request budget (requests left this minute per host); the simulator has none.
        return broker.budget ? await broker.budget() : undefined;
      },
    },
    functionsProbe(rt),
  ];
  return { probes, runs: runsStore(rt), clock: systemClock, mode: env.TRADING_MODE, staleAfterSeconds: env.HEALTH_STALE_AFTER_SECONDS };
}
