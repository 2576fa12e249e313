import * as z from 'zod/mini';
import { worker } from '../../../lib/compose/worker.ts';
import { collectNews } from '../../../lib/app/news/collect-news.ts';

/** news/collect: pulls every configured source, analyses and stores every new version. */
export const main = worker('news/collect', z.object({ fence: z.optional(z.number()) }), async (_input, { deps }) => {
  const report = await collectNews(
    { sources: deps.world.newsSources, store: deps.news, analyse: deps.analyse, assets: deps.assets, clock: deps.world.clock, log: deps.log },
    { lookbackMs: 6 * 3_600_000, overlapMs: 10 * 60_000, sourceTimeoutMs: 10_000 },
  );
  return { ...report.ingest, sources: report.sources };
});
