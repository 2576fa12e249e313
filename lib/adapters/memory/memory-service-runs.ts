import type { ServiceRun, ServiceRunsStore } from '../../ports/service-runs.port.ts';

const RECORDED: Promise<void> = Promise.resolve();

/** Function runs in memory (postgres/service-runs.repo.ts): one record per function, listed by name. */
export class MemoryServiceRuns implements ServiceRunsStore {
  private readonly runs = new Map<string, ServiceRun>();

  // Not async: every invocation records its run, and the memory store answers at once with one settled promise.
  record(functionName: string, outcome: { ok: boolean; durationMs: number; errorCode?: string }, at: number): Promise<void> {
    let run = this.runs.get(functionName);
    if (run === undefined) {
      run = { functionName, service: functionName.split('/')[0] ?? functionName, lastSuccessAt: null, lastFailureAt: null, lastErrorCode: null, runs: 0, failures: 0 };
      this.runs.set(functionName, run);
    }
    run.runs += 1;
    if (outcome.ok) run.lastSuccessAt = at;
    else {
      run.lastFailureAt = at;
      run.lastErrorCode = outcome.errorCode ?? null;
      run.failures += 1;
    }
    return RECORDED;
  }

  async list(): Promise<ServiceRun[]> {
    // Code-point order, as the database's C collation sorts function_name.
    return [...this.runs.values()].sort((a, b) => (a.functionName < b.functionName ? -1 : a.functionName > b.functionName ? 1 : 0)).map((r) => ({ ...r }));
  }
}
