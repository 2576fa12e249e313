import { horizonLabel, type Horizon } from '../../domain/research/forward-returns.ts';
import { DEFAULT_BOOTSTRAP, type BootstrapSettings } from '../../domain/research/sample-stats.ts';
import { newsEvents, type NewsEventInput } from './news-events.ts';
import { groupFigures } from './event-groups.ts';
import { eventStudyDocument, type EventStudyDocument } from './event-study-report.ts';

export interface EventStudyRun extends NewsEventInput {
  /** New York dates of the window, as given (for the report). */
  fromDate: string;
  toDate: string;
  seed: number;
  bootstrap?: BootstrapSettings;
  /** How the latency and the spreads were modelled, in words (for the report). */
  newsLatency: string;
  spreadModel: string;
}

/** The event study of the news in a window: every event, its groups' figures, in one versioned document. */
export function runEventStudy(run: EventStudyRun): EventStudyDocument {
  const horizons = run.horizons.map((h: Horizon) => horizonLabel(h));
  const bootstrap = run.bootstrap ?? DEFAULT_BOOTSTRAP;
  const { events, skipped } = newsEvents(run);
  const groups = groupFigures(events, horizons, run.seed, bootstrap);
  const indexStored = run.indexSymbol !== undefined && (run.minuteBars.get(run.indexSymbol)?.length ?? 0) > 0;
  return eventStudyDocument(
    {
      from: run.fromDate,
      to: run.toDate,
      symbols: run.symbols ? [...run.symbols].sort() : null,
      horizons,
      newsLatency: run.newsLatency,
      spreadModel: run.spreadModel,
      indexSymbol: indexStored ? run.indexSymbol! : null,
      bootstrap: { ...bootstrap, seed: run.seed },
    },
    events,
    groups,
    skipped,
  );
}
