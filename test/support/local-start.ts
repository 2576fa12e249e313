import path from 'node:path';
import { startLocalSystem, type LocalSystem } from '../../scheduler/local-system.ts';
import { describeTick } from '../../scheduler/console-summary.ts';
import type { TriggerFiring } from '../../scheduler/trigger-runner.ts';
import { fastForward } from './fast-forward-timers.ts';

export interface LocalStart {
  system: LocalSystem;
  /** The console as npm start would print it: composition lines, then one line per tick with its wall time. */
  lines: string[];
}

/**
 * npm start's composition (scheduler/local-system.ts) over `env`, its wall clock skipping the idle time
 * between ticks (test/support/fast-forward-timers.ts). `onTick` sees each tick that ran, with the wall-clock
 * ms since the composition began.
 */
export async function startLikeNpmStart(env: Record<string, string | undefined>, onTick: (e: TriggerFiring, wallMs: number) => void): Promise<LocalStart> {
  const ff = fastForward();
  const started = ff.realNow();
  const lines: string[] = [];
  const system = await startLocalSystem({
    root: path.resolve(import.meta.dirname, '..', '..'),
    env,
    say: (line) => void lines.push(line),
    realNow: ff.realNow,
    timers: ff.timers,
    onFire: (e) => {
      if (e.skipped) {
        lines.push(`(firing of ${new Date(e.at).toISOString().slice(11, 16)}Z skipped: the previous tick was still running)`);
        return;
      }
      const wallMs = ff.realNow() - started;
      lines.push(`+${(wallMs / 1000).toFixed(1)} s ${describeTick(e)}`);
      try {
        onTick(e, wallMs);
      } finally {
        ff.settled();
      }
    },
  });
  lines.push(`composed in ${((ff.realNow() - started) / 1000).toFixed(1)} s; simulated clock ${system.simClock}`);
  return { system, lines };
}
