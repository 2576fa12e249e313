import type { CycleRecord, CycleStore, StageRecord } from '../../ports/cycle-store.port.ts';
import type { Stage, StageRun } from '../../domain/cycle-stages.ts';
import type { MemoryFences } from './memory-fences.ts';
import { asJsonb, cloneJson } from './memory-json.ts';
import { readCounts, readCycleErrors, readStages } from '../postgres/json-columns.ts';
import { StageJsonb } from './stage-jsonb.ts';

const copyCycle = (c: CycleRecord): CycleRecord => ({ ...c, stages: cloneJson(c.stages), counts: { ...c.counts }, errors: c.errors.map((e) => ({ ...e })) });

const openCycle = (id: number, at: number, token: number, mode: string, marketPhase: string): CycleRecord => ({ id, startedAt: at, finishedAt: null, fenceToken: token, mode, marketPhase, status: 'running', stages: [], counts: {}, errors: [] });

const succeeded = (c: CycleRecord) => (c.status === 'ok' || c.status === 'partial') && c.finishedAt !== null;

/** How much a long backtest keeps (lib/compose/memory-stores.ts derives it from what the use cases read). */
export interface MemoryCycleOptions {
  /** The newest cycles kept whole; older ones live on only as their id (exists), the stage runs and the last success. All when absent. */
  keepCycles?: number;
}

/**
 * The cycle store in memory (postgres/cycles.repo.ts): the same fencing, ids from 1, reads return copies (stage runs frozen).
 * With `keepCycles`, `recent` lists the kept cycles only and writes to an older cycle are dropped.
 */
export class MemoryCycleStore implements CycleStore {
  // The newest cycles, oldest first: ids grow by one, so the cycle with id n sits at index n - 1 - dropped.
  private readonly cycles: CycleRecord[] = [];
  private dropped = 0;
  // The last success among the dropped cycles (which no write reaches any more).
  private droppedSuccess: number | null = null;
  // A plain object rather than a Map: the tick reads a copy of them all every tick, and a spread copies it ~10x
  // faster than a Map is walked (a prototype-less object would be slower still: it is kept as a dictionary).
  private readonly runs: Record<string, Readonly<StageRun>> = {};
  private lastSuccess: number | null = null;
  private readonly stageJsonb = new StageJsonb();

  constructor(
    private readonly fences: MemoryFences,
    private readonly options: MemoryCycleOptions = {},
  ) {
    const keep = options.keepCycles;
    if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) throw new Error(`keepCycles: expected a whole number of cycles >= 1, got ${keep}`);
  }

  async start(token: number, at: number, mode: string, marketPhase: string): Promise<CycleRecord> {
    this.fences.pass(token);
    const id = this.dropped + this.cycles.length + 1;
    const cycle = openCycle(id, at, token, mode, marketPhase);
    this.cycles.push(cycle);
    if (this.cycles.length > (this.options.keepCycles ?? Infinity)) {
      const old = this.cycles.shift()!;
      this.dropped++;
      if (succeeded(old) && (this.droppedSuccess === null || old.finishedAt! > this.droppedSuccess)) this.droppedSuccess = old.finishedAt;
    }
    // The copy of a cycle just opened, built as one (no walk over its empty lists): the tick starts one a minute.
    return openCycle(id, at, token, mode, marketPhase);
  }

  async recordStage(cycleId: number, token: number, stage: StageRecord, day: string): Promise<void> {
    this.fences.pass(token);
    const cycle = this.cycles[cycleId - 1 - this.dropped];
    if (cycle) {
      cycle.stages.push(this.stageJsonb.copy(stage));
      if (stage.error) cycle.errors.push(asJsonb({ stage: stage.name, ...stage.error }));
    }
    // Frozen, so reads hand out the stored run itself rather than a copy of each (the tick reads them all every tick).
    const run = Object.freeze({ lastRunAt: stage.startedAt, lastDay: day });
    // Any name is a row in Postgres: __proto__ is defined as an own key (assigned, it would set the prototype).
    if (stage.name === '__proto__') Object.defineProperty(this.runs, stage.name, { value: run, enumerable: true, writable: true, configurable: true });
    else this.runs[stage.name] = run;
  }

  async finish(cycleId: number, token: number, at: number, status: CycleRecord['status'], counts: Record<string, number>): Promise<void> {
    this.fences.pass(token);
    const cycle = this.cycles[cycleId - 1 - this.dropped];
    if (!cycle) return;
    const wasLastSuccess = cycle.finishedAt === this.lastSuccess && succeeded(cycle);
    // Copied first: counts Postgres refuses leave the cycle as it was.
    const stored = this.stageJsonb.counts(counts);
    cycle.finishedAt = at;
    cycle.status = status;
    cycle.counts = stored;
    // Finishing the cycle that held the last success again may move it back: only then look through them all.
    if (wasLastSuccess) this.lastSuccess = this.cycles.reduce<number | null>((m, c) => (succeeded(c) && (m === null || c.finishedAt! > m) ? c.finishedAt : m), this.droppedSuccess);
    else if (status === 'ok' || status === 'partial') this.lastSuccess = Math.max(this.lastSuccess ?? at, at);
  }

  async stageRuns(): Promise<Partial<Record<Stage, StageRun>>> {
    return { ...this.runs } as Partial<Record<Stage, StageRun>>;
  }

  async exists(cycleId: number): Promise<boolean> {
    return Number.isInteger(cycleId) && cycleId >= 1 && cycleId <= this.dropped + this.cycles.length;
  }

  async recent(limit: number): Promise<CycleRecord[]> {
    const newestFirst = this.cycles.slice(Math.max(0, this.cycles.length - Math.max(0, limit))).reverse();
    // Postgres checks the JSON columns when it reads a cycle: so does this store, so a bad stage fails alike.
    for (const c of newestFirst) (readStages(c.stages), readCounts(c.counts, 'cycles.counts'), readCycleErrors(c.errors));
    return newestFirst.map(copyCycle);
  }

  async lastSuccessfulAt(): Promise<number | null> {
    return this.lastSuccess;
  }
}
