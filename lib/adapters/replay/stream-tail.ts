import type { Bar } from '../../domain/market.ts';
import type { EpochMs } from '../../domain/time.ts';
import { barOfRow, type SessionChunk } from './session-chunk.ts';

/**
 * What a streamed replay remembers of the sessions it dropped: each symbol's last bar (a quote or a
 * "latest bar" may be days old after a halt or a long weekend), and the latest start, end and news version
 * dropped, which tell whether a query could have needed dropped data.
 */
export class StreamTail {
  private readonly lastBar: ({ bar: Bar; end: EpochMs } | undefined)[];
  private readonly lastStarts: Float64Array;
  private latestEnd = -Infinity;
  private latestVersion = -Infinity;
  private dropped = false;

  constructor(symbols: number) {
    this.lastBar = new Array(symbols);
    this.lastStarts = new Float64Array(symbols).fill(-Infinity);
  }

  /** Forgets a chunk, keeping what the class comment says. */
  drop(chunk: SessionChunk): void {
    this.dropped = true;
    for (let s = 0; s + 1 < chunk.rowStart.length; s++) {
      const a = chunk.rowStart[s]!;
      const b = chunk.rowStart[s + 1]!;
      if (b === a) continue;
      this.lastBar[s] = { bar: barOfRow(chunk, b - 1), end: chunk.end[b - 1]! };
      this.lastStarts[s] = chunk.t[b - 1]!;
      if (chunk.end[b - 1]! > this.latestEnd) this.latestEnd = chunk.end[b - 1]!;
    }
    const versions = chunk.newsVersions;
    if (versions.length) this.latestVersion = Math.max(this.latestVersion, versions[versions.length - 1]!);
  }

  /** True once any chunk was dropped. */
  anyDropped(): boolean {
    return this.dropped;
  }

  /** The last dropped bar of symbol index `s`. */
  last(s: number): { bar: Bar; end: EpochMs } | undefined {
    return this.lastBar[s];
  }

  /** The start of the last dropped bar of symbol index `s` (-Infinity when none). */
  lastStart(s: number): EpochMs {
    return this.lastStarts[s]!;
  }

  /** The latest end of any dropped bar. */
  maxEnd(): EpochMs {
    return this.latestEnd;
  }

  /** The latest version of any dropped news item. */
  maxVersion(): EpochMs {
    return this.latestVersion;
  }
}
