import type { ResearchRunFilter, ResearchRunListing, ResearchRunsReader } from '../../ports/research-runs.port.ts';
import { AppError } from '../../shared/errors.ts';
import { studyAssumptions } from '../research/study-assumptions.ts';
import { backtestRunView, eventStudyRunView, walkForwardRunView, type DetailLimits } from './research-run-view.ts';

export interface ResearchViewDeps {
  research: ResearchRunsReader;
}

/** Settings as the list shows them: a long symbol list becomes its count (a universe would crowd out every run). */
function listedSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const { symbols, space, ...rest } = settings;
  const out: Record<string, unknown> = { ...rest };
  if (Array.isArray(symbols)) out.symbols = symbols.length > 12 ? `${symbols.length} symbols` : symbols;
  else if (symbols !== undefined) out.symbols = symbols;
  if (Array.isArray(space)) out.tuned = space.map((r) => (r as { name?: unknown }).name).join(', ');
  return out;
}

/** What a run's figures assume, as the list shows it beside them. */
function listedAssumptions(run: ResearchRunListing): string[] {
  const h = run.headline as Record<string, unknown> | null;
  if (run.kind === 'backtest') return (h?.assumptions as string[] | undefined) ?? [];
  if (run.kind === 'event-study') return h ? [/^news latency/i.test(String(h.newsLatency)) ? String(h.newsLatency) : `News latency: ${String(h.newsLatency)}`, `Spread: ${String(h.spreadModel)}`] : [];
  const s = run.settings;
  return studyAssumptions(Number(s.minTrades ?? 0), String(s.sampler ?? 'random'));
}

/** research-runs: the newest runs first (backtests, event studies, walk-forward studies), filtered, summaries only, keyset pages. */
export async function researchRunsView(deps: ResearchViewDeps, filter: ResearchRunFilter) {
  const page = await deps.research.runs(filter);
  return {
    runs: page.runs.map((r) => ({ ...r, settings: listedSettings(r.settings), assumptions: listedAssumptions(r) })),
    nextBeforeId: page.nextBeforeId,
  };
}

/** research-run: one run whole, shaped for its view and kept under the response limit (what was thinned is said). */
export async function researchRunView(deps: ResearchViewDeps, id: number, limits: DetailLimits) {
  const run = await deps.research.run(id);
  if (!run) throw new AppError('NOT_FOUND', `No research run ${id}`);
  if (run.kind === 'backtest') return backtestRunView(run, limits);
  if (run.kind === 'event-study') return eventStudyRunView(run);
  return walkForwardRunView(run);
}
