/** Thrown where a simulated process dies: nothing after it in that process may run. */
export class ProcessCrashed extends Error {
  constructor(readonly point: string) {
    super(`process killed at ${point}`);
    this.name = 'ProcessCrashed';
  }
}

/** Where to kill a process: the `hit`-th time it reaches `point` (1 = the first time). */
export interface KillTarget {
  point: string;
  hit: number;
}

/**
 * One simulated process's fate. Instrumented wrappers call `reach(point)` at each step (the point named
 * after the use case the process is in, `phase`); the chosen step throws ProcessCrashed, and from then on
 * every step of this process throws too: a dead process does nothing more, even from promises that were
 * already in flight. With no target it records the steps it passed (`trace`), to choose targets from.
 */
export class KillSwitch {
  private readonly counts = new Map<string, number>();
  private readonly inflight = new Set<Promise<unknown>>();
  readonly trace: string[] = [];
  /** The use case the process is running; prefixes every point. */
  phase = 'boot';
  /** The store method running (for statements inside its transaction). */
  context = '';
  /** The point where the process died, once it has. */
  killedAt: string | null = null;

  constructor(private readonly target: KillTarget | null = null) {}

  get dead(): boolean {
    return this.killedAt !== null;
  }

  reach(name: string): void {
    const point = `${this.phase}/${name}`;
    if (this.killedAt !== null) throw new ProcessCrashed(`${point} (already dead at ${this.killedAt})`);
    const n = (this.counts.get(point) ?? 0) + 1;
    this.counts.set(point, n);
    this.trace.push(point);
    if (this.target && this.target.point === point && this.target.hit === n) {
      this.killedAt = point;
      throw new ProcessCrashed(point);
    }
  }

  /** Registers a call in flight, so the test can wait until a dead process has really stopped. */
  track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    const done = () => void this.inflight.delete(p);
    p.then(done, done);
    return p;
  }

  /** Resolves once nothing this process started is still running. */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }
}

/** The target that kills at the `index`-th entry of a recorded trace (its point, at that occurrence). */
export function targetAt(trace: readonly string[], index: number): KillTarget {
  const point = trace[index]!;
  let hit = 0;
  for (let i = 0; i <= index; i++) if (trace[i] === point) hit++;
  return { point, hit };
}

/**
 * Runs `work` as the process of `ks`; its death ends it quietly, anything else is rethrown. The death may
 * surface as another error: a kill inside the HTTP client's fetch reaches the use case as the adapter's
 * network error.
 */
export async function untilKilled(ks: KillSwitch, work: () => Promise<unknown>): Promise<'completed' | 'killed'> {
  try {
    await work();
    return 'completed';
  } catch (e) {
    if (e instanceof ProcessCrashed || ks.dead) return 'killed';
    throw e;
  }
}
