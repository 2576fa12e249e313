import type { Asset } from '../../domain/market.ts';
import type { Candidate } from '../../strategy/scanner/rank.ts';
import type { AnalysisStore, SignalRecord, StoredCandidate, StoredSignal, SymbolStats } from '../../ports/analysis-store.port.ts';
import { readSignalInputs } from '../postgres/json-columns.ts';
import { asJsonb, cloneJson } from './memory-json.ts';
import { noRepeatedKey } from './batch-keys.ts';
import { CycleWindow } from './cycle-window.ts';

interface SignalEntry {
  signal: StoredSignal;
  // Postgres checks a stored inputs column when it is read: the check runs once here, its verdict is kept for every read.
  problem: unknown;
}

const copyCandidate = (c: StoredCandidate): StoredCandidate => ({ ...c, features: { ...c.features }, reasons: [...c.reasons], newsItemIds: [...c.newsItemIds], storyIds: [...c.storyIds] });
const readSignal = (e: SignalEntry): StoredSignal => {
  if (e.problem !== null) throw e.problem;
  return { ...e.signal, inputs: cloneJson(e.signal.inputs) };
};
// Only the columns: what Postgres would give back, whatever else the caller's object carried.
const assetColumns = (a: Asset): Asset => ({
  symbol: a.symbol, name: a.name, exchange: a.exchange, assetClass: a.assetClass, status: a.status, tradable: a.tradable, shortable: a.shortable,
  easyToBorrow: a.easyToBorrow, fractionable: a.fractionable, marginable: a.marginable, minTradeIncrement: a.minTradeIncrement,
  priceIncrement: a.priceIncrement, minOrderSize: a.minOrderSize,
});
const statsColumns = (s: SymbolStats): SymbolStats => ({
  symbol: s.symbol, asOf: s.asOf, prevClose: s.prevClose, avgVolume20d: s.avgVolume20d, avgDollarVolume20d: s.avgDollarVolume20d, atr14d: s.atr14d,
});
const bySymbol = (a: Asset, b: Asset) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
const sortedAssets = (rows: Iterable<Asset>) => {
  const all = [...rows].sort(bySymbol);
  return { all, tradable: all.filter((a) => a.tradable && a.status === 'active') };
};
const byRank = (a: StoredCandidate, b: StoredCandidate) => a.rank - b.rank;

/** How much a long backtest keeps (lib/compose/memory-stores.ts derives it from what the use cases read). */
export interface MemoryAnalysisOptions {
  /** The latest cycles (by first write) whose candidates and signals are kept whole; all when absent. */
  keepCycles?: number;
  /** Of a cycle past `keepCycles`, the signals still kept, each with its candidate (those an intent names, for the trade audit). */
  keepSignal?: (signalId: number) => boolean;
}

/**
 * The analysis store in memory (postgres/analysis.repo.ts): the same upsert rules and id sequences (a
 * conflicting row still uses up an id, as a Postgres sequence does), indexed by cycle and by symbol.
 * With `keepCycles`, an older cycle's rows are dropped but for the signals `keepSignal` names and their
 * candidates (the use cases read only the current cycle's; the newest signal per symbol is kept apart), so a
 * year of ticks does not hold every row in memory; a signal naming a dropped candidate is then refused.
 */
export class MemoryAnalysisStore implements AnalysisStore {
  private readonly assetsBySymbol = new Map<string, Readonly<Asset>>();
  private sortedAssets: { all: readonly Asset[]; tradable: readonly Asset[] } | null = null;
  private readonly statsBySymbol = new Map<string, SymbolStats>();
  private readonly candidatesByCycle = new Map<number, Map<string, StoredCandidate>>();
  private readonly signalsByCycle = new Map<number, Map<string, SignalEntry>>();
  private readonly newestSignal = new Map<string, SignalEntry>();
  private readonly candidateIds = new Set<number>();
  private lastCandidateId = 0;
  private lastSignalId = 0;
  private readonly window: CycleWindow | null;

  constructor(private readonly options: MemoryAnalysisOptions = {}) {
    this.window = options.keepCycles === undefined ? null : new CycleWindow(options.keepCycles);
  }

  async upsertAssets(assets: readonly Asset[], _at: number): Promise<number> {
    noRepeatedKey(assets, (a) => a.symbol, 'assets', 'symbol');
    let changed = false;
    for (const a of assets) {
      const row = assetColumns(a);
      const kept = this.assetsBySymbol.get(a.symbol);
      // The daily refresh mostly rewrites rows as they were: those keep their object, so readers that compare rows by identity (the asset-list cache) see no change.
      if (kept && (Object.keys(row) as (keyof Asset)[]).every((k) => Object.is(kept[k], row[k]))) continue;
      this.assetsBySymbol.set(a.symbol, Object.freeze(row));
      changed = true;
    }
    if (changed) this.sortedAssets = null;
    return assets.length;
  }

  // Read every scan and every news collect, changed once a day: the rows are frozen (a caller cannot alter the
  // store through them, as with Postgres's fresh rows) and shared, so a list read again holds the same objects.
  async assets(filter: { tradableOnly?: boolean; symbols?: readonly string[] } = {}): Promise<Asset[]> {
    if (filter.symbols) {
      const out: Asset[] = [];
      for (const symbol of new Set(filter.symbols)) {
        const a = this.assetsBySymbol.get(symbol);
        if (a && (!filter.tradableOnly || (a.tradable && a.status === 'active'))) out.push(a);
      }
      return out.sort(bySymbol);
    }
    this.sortedAssets ??= sortedAssets(this.assetsBySymbol.values());
    return [...(filter.tradableOnly ? this.sortedAssets.tradable : this.sortedAssets.all)];
  }

  async upsertStats(stats: readonly SymbolStats[], _at: number): Promise<number> {
    noRepeatedKey(stats, (s) => s.symbol, 'symbol stats', 'symbol');
    for (const s of stats) this.statsBySymbol.set(s.symbol, statsColumns(s));
    return stats.length;
  }

  async stats(symbols: readonly string[]): Promise<Map<string, SymbolStats>> {
    const out = new Map<string, SymbolStats>();
    for (const symbol of symbols) {
      const s = this.statsBySymbol.get(symbol);
      if (s) out.set(symbol, { ...s });
    }
    return out;
  }

  async saveCandidates(cycleId: number, at: number, candidates: readonly Candidate[]): Promise<StoredCandidate[]> {
    noRepeatedKey(candidates, (c) => c.symbol, 'candidates', 'symbol');
    const ofCycle = this.rowsOf(this.candidatesByCycle, cycleId);
    const saved = candidates.map((c) => {
      const id = ++this.lastCandidateId;
      const prior = ofCycle.get(c.symbol);
      const stored: StoredCandidate = {
        id: prior?.id ?? id,
        cycleId,
        at: prior?.at ?? at,
        symbol: c.symbol,
        rank: c.rank,
        score: c.score,
        blocked: c.blocked,
        direction: c.direction ?? 'long',
        features: asJsonb(c.features),
        reasons: asJsonb(c.reasons),
        newsItemIds: c.newsItemIds.map(Number),
        storyIds: asJsonb(c.storyIds ?? []),
      };
      ofCycle.set(c.symbol, stored);
      this.candidateIds.add(stored.id);
      return copyCandidate(stored);
    });
    return saved.sort(byRank);
  }

  async candidatesOf(cycleId: number): Promise<StoredCandidate[]> {
    return [...(this.candidatesByCycle.get(cycleId)?.values() ?? [])].sort(byRank).map(copyCandidate);
  }

  async saveSignals(signals: readonly SignalRecord[]): Promise<StoredSignal[]> {
    noRepeatedKey(signals, (s) => `${s.cycleId} ${s.symbol}`, 'signals', 'cycleId and symbol');
    // The column references candidates: Postgres refuses the whole batch when one names a candidate it never saved.
    const orphan = signals.find((s) => s.candidateId !== null && !this.candidateIds.has(s.candidateId));
    if (orphan) throw new Error(`signal ${orphan.symbol} candidateId: expected the id of a saved candidate, got ${orphan.candidateId}`);
    return signals.map((s) => {
      const id = ++this.lastSignalId;
      const ofCycle = this.rowsOf(this.signalsByCycle, s.cycleId);
      const inputs = asJsonb(s.inputs);
      const entry = ofCycle.get(s.symbol) ?? {
        signal: { id, cycleId: s.cycleId, at: s.at, symbol: s.symbol, direction: s.direction, score: s.score, explanation: s.explanation, inputs, candidateId: s.candidateId },
        problem: null,
      };
      // A conflict updates what the signal says, never when it was or which candidate it came from.
      Object.assign(entry.signal, { direction: s.direction, score: s.score, explanation: s.explanation, inputs });
      entry.problem = checkInputs(inputs);
      ofCycle.set(s.symbol, entry);
      const newest = this.newestSignal.get(s.symbol)?.signal;
      if (!newest || entry.signal.at > newest.at || (entry.signal.at === newest.at && entry.signal.id > newest.id)) this.newestSignal.set(s.symbol, entry);
      return readSignal(entry);
    });
  }

  async signalsOf(cycleId: number): Promise<StoredSignal[]> {
    const entries = [...(this.signalsByCycle.get(cycleId)?.values() ?? [])];
    return entries.map(readSignal).sort((a, b) => b.score - a.score);
  }

  async latestSignals(symbols: readonly string[], since: number): Promise<Map<string, StoredSignal>> {
    const out = new Map<string, StoredSignal>();
    for (const symbol of symbols) {
      // The newest by (at, id) overall is the newest since `since`, or there is none.
      const entry = this.newestSignal.get(symbol);
      if (entry && entry.signal.at >= since) out.set(symbol, readSignal(entry));
    }
    return out;
  }

  /** The rows of one cycle, opened on its first write; a cycle that leaves the window is retired. */
  private rowsOf<T>(byCycle: Map<number, Map<string, T>>, cycleId: number): Map<string, T> {
    const retired = this.window?.open(cycleId);
    if (retired !== undefined) this.retire(retired);
    const known = byCycle.get(cycleId);
    if (known) return known;
    const rows = new Map<string, T>();
    byCycle.set(cycleId, rows);
    return rows;
  }

  /** Drops a cycle's rows but for the signals `keepSignal` names and the candidates they came from. */
  private retire(cycleId: number): void {
    const keptCandidates = new Set<number>();
    const signals = this.signalsByCycle.get(cycleId);
    for (const [symbol, e] of signals ?? []) {
      if (this.options.keepSignal?.(e.signal.id)) {
        if (e.signal.candidateId !== null) keptCandidates.add(e.signal.candidateId);
      } else signals!.delete(symbol);
    }
    if (signals?.size === 0) this.signalsByCycle.delete(cycleId);
    const candidates = this.candidatesByCycle.get(cycleId);
    for (const [symbol, c] of candidates ?? []) {
      if (keptCandidates.has(c.id)) continue;
      candidates!.delete(symbol);
      this.candidateIds.delete(c.id);
    }
    if (candidates?.size === 0) this.candidatesByCycle.delete(cycleId);
  }
}

function checkInputs(inputs: unknown): unknown {
  try {
    readSignalInputs(inputs);
    return null;
  } catch (e) {
    return e;
  }
}
