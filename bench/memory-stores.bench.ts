import os from 'node:os';
import { MemoryNewsStore } from '../lib/adapters/memory/memory-news-store.ts';
import { MemoryAnalysisStore } from '../lib/adapters/memory/memory-analysis-store.ts';
import { MemoryCycleStore } from '../lib/adapters/memory/memory-cycle-store.ts';
import { MemoryFences } from '../lib/adapters/memory/memory-fences.ts';
import { MemoryLock } from '../lib/adapters/memory/memory-lock.ts';
import { steppingClock } from '../lib/adapters/clock/stepping-clock.ts';
import type { AnalysedNewsItem } from '../lib/ports/news-store.port.ts';
import type { Candidate } from '../lib/strategy/scanner/rank.ts';
import { printFigures, printSection } from './report.ts';

const SYMBOLS = Array.from({ length: 500 }, (_, i) => `S${i.toString(36).toUpperCase().padStart(3, '0')}`);
const MINUTE = 60_000;
const SESSION_MINUTES = 390;
const SESSIONS = 20;
// About three items per symbol a session, the synthetic market's default order of magnitude.
const ITEMS_PER_MINUTE = 4;

function newsItem(n: number, at: number): AnalysedNewsItem {
  const symbol = SYMBOLS[(n * 7919) % SYMBOLS.length]!;
  const headline = `${symbol} item ${n} ${['wins contract', 'beats estimates', 'cuts guidance', 'prices offering'][n % 4]}`;
  return {
    item: { source: 'sim', sourceId: `n-${n}`, version: at, publishedAt: at, receivedAt: at, headline, summary: '', url: null, symbols: [symbol], contentHash: `h${n}` },
    analysis: { sentimentScore: 0.5, sentimentLabel: 'positive', catalystType: 'earnings', catalystBlocksLong: false, catalystWeight: 0.7, linkedSymbols: [], fingerprint: headline, evidence: { n } },
  };
}

function candidate(symbol: string, rank: number): Candidate {
  return {
    symbol, rank, score: 1 / rank, direction: 'long', blocked: false, reasons: ['fresh catalyst'], newsItemIds: [rank], storyIds: [rank],
    features: { catalystScore: 0.7, catalystType: 'earnings', catalystAgeMinutes: 5, headline: 'x', relativeVolume: 2, gapPct: 0.01, price: 20, avgDollarVolume20d: 1e7, spreadBps: 5 },
  };
}

/**
 * One backtest tick's store traffic over the memory stores, with 20 sessions of news for 500 symbols: lock,
 * cycle with five stages, news ingest and the scanner's 60-minute read, ten candidates and signals saved
 * and read back, as scan, analyze and execute do. The budget is a tenth of the 1 ms a tick may take at 500,000 bars a
 * second over 500 symbols (issue 16).
 */
export async function benchMemoryStores(): Promise<boolean> {
  const start = Date.parse('2026-01-05T14:30:00Z');
  const clock = steppingClock(start);
  const fences = new MemoryFences();
  const lock = new MemoryLock(clock, fences);
  const cycles = new MemoryCycleStore(fences);
  const news = new MemoryNewsStore((a, b) => a.fingerprint === b.fingerprint);
  const analysis = new MemoryAnalysisStore();
  let n = 0;
  const ticks = SESSIONS * SESSION_MINUTES;
  const c0 = process.cpuUsage();
  let worstLatestKnownItems = 0;
  for (let t = 0; t < ticks; t++) {
    const now = start + Math.floor(t / SESSION_MINUTES) * 86_400_000 + (t % SESSION_MINUTES) * MINUTE;
    clock.set(now);
    const lease = (await lock.acquire('tick', 55_000))!;
    const cycle = await cycles.start(lease.token, now, 'backtest', 'regular');
    await news.ingest(Array.from({ length: ITEMS_PER_MINUTE }, () => newsItem(n++, now)), [], now);
    const recent = await news.latestKnown({ knownAt: now, publishedAfter: now - 60 * MINUTE, limit: 20_000 });
    worstLatestKnownItems = Math.max(worstLatestKnownItems, recent.length);
    const picked = recent.slice(0, 10).map((i, k) => candidate(`${i.symbols[0]}`, k + 1)).filter((c, k, all) => all.findIndex((x) => x.symbol === c.symbol) === k);
    await analysis.saveCandidates(cycle.id, now, picked);
    const read = await analysis.candidatesOf(cycle.id);
    await analysis.saveSignals(read.map((c) => ({ cycleId: cycle.id, at: now, symbol: c.symbol, direction: 'long', score: c.score, explanation: 'e', inputs: { plan: null }, candidateId: c.id })));
    await analysis.signalsOf(cycle.id);
    for (const stage of ['reconcile', 'news', 'scan', 'analyze', 'execute']) {
      await cycles.recordStage(cycle.id, lease.token, { name: stage, startedAt: now, ms: 1, ok: true, why: 'due', counts: { n: 1 } }, '2026-01-05');
    }
    await cycles.finish(cycle.id, lease.token, now + 1, 'ok', { orders: 0 });
    await lease.release();
  }
  const c = process.cpuUsage(c0);
  const usPerTick = (c.user + c.system) / ticks;
  printSection(`Memory stores: one tick's store traffic, ${SESSIONS} sessions x ${SESSION_MINUTES} ticks, 500 symbols, ${ITEMS_PER_MINUTE} news items a minute (CPU time, one core; load ${os.loadavg()[0]!.toFixed(2)})`);
  return printFigures([
    { name: 'store time per tick', value: Math.round(usPerTick * 10) / 10, unit: 'us', target: { value: 100, better: 'lower' } },
    { name: `news items stored (scanner read up to ${worstLatestKnownItems} a tick)`, value: n, unit: 'items' },
    // Everything the stores kept (all news, cycles, candidates, signals) is still reachable here.
    { name: 'heap in use after the run', value: Math.round(process.memoryUsage().heapUsed / 1e6), unit: 'MB' },
  ]);
}
