import { benchBundles } from './bundles.bench.ts';
import { benchAnalysis } from './analysis.bench.ts';
import { benchNews } from './news.bench.ts';
import { benchSimulator } from './simulator.bench.ts';
import { benchScan } from './scan.bench.ts';
import { benchTick } from './tick.bench.ts';
import { benchCost } from './cost.bench.ts';
import { benchHistoryIngest } from './history-ingest.bench.ts';
import { benchTickUnderLoad } from './tick-under-load.bench.ts';
import { benchMemoryStores } from './memory-stores.bench.ts';
import { benchBacktest } from './backtest.bench.ts';
import { benchFeedMemory } from './feed-memory.bench-part.ts';
import { benchResearch } from './research.bench.ts';
import { benchResearchStudy } from './research-study.bench.ts';

/** `npm run bench`: every benchmark, with figures, targets and ratios. Exit code 1 if a target is missed. */
const suites: [string, () => Promise<boolean>][] = [
  ['bundles', benchBundles],
  ['analysis', benchAnalysis],
  ['news', benchNews],
  ['simulator', benchSimulator],
  ['scan', benchScan],
  ['tick', benchTick],
  ['cost', benchCost],
  ['history', benchHistoryIngest],
  ['load', benchTickUnderLoad],
  ['memory-stores', benchMemoryStores],
  ['backtest', benchBacktest],
  ['feed-memory', benchFeedMemory],
  ['research', benchResearch],
  ['research-study', benchResearchStudy],
];
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
let allMet = true;
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  allMet = (await run()) && allMet;
}
console.log(`\n${allMet ? 'All targets met.' : 'Some targets were MISSED (see above).'}`);
process.exitCode = allMet ? 0 : 1;
