import type { Bar, Timeframe } from '../../domain/market.ts';
import type { NewsItem } from '../../domain/news.ts';
import { AppError } from '../../shared/errors.ts';

/** One stored bar of history: `adjClose` is the split- and dividend-adjusted close when the source has one. */
export interface HistoryBar {
  symbol: string;
  timeframe: Timeframe;
  bar: Bar;
  adjClose?: number;
}

/** A row an importer left out, and why (lenient imports); strict imports throw instead. */
export interface ImportSkip {
  file: string;
  /** 1-based line in a CSV, null for JSON (the field path is in the reason). */
  line: number | null;
  reason: string;
}

export interface ParsedBars {
  kind: 'bars';
  bars: HistoryBar[];
  skipped: ImportSkip[];
}

export interface ParsedNews {
  kind: 'news';
  items: NewsItem[];
  skipped: ImportSkip[];
}

export interface ImportOptions {
  /** File name used in messages and stored as the rows' source. */
  file: string;
  /** Skip bad rows with a recorded reason instead of failing on the first one. */
  lenient?: boolean;
  /** Overrides the symbol taken from the file name (bar CSVs). */
  symbol?: string;
  /** Overrides the timeframe inferred from the timestamps. */
  timeframe?: Timeframe;
}

/**
 * Collects bad rows: in strict mode the first one throws a DATA_INVALID error naming the file, line and
 * field; in lenient mode each is recorded and the row is skipped. Every skip is counted (`total`, and by its
 * reason with the numbers in it written N); only the first `keep` are kept whole, so that a file of any
 * size, however bad, is reported in bounded memory.
 */
export class RowProblems {
  readonly skipped: ImportSkip[] = [];
  total = 0;
  readonly byReason = new Map<string, number>();

  constructor(
    private readonly options: ImportOptions,
    private readonly keep = Infinity,
  ) {}

  /** A bad row: throws when strict, records it when lenient. */
  report(line: number | null, field: string, problem: string): void {
    const where = line === null ? this.options.file : `${this.options.file}:${line}`;
    if (!this.options.lenient) throw new AppError('DATA_INVALID', `${where}: ${field}: ${problem}`, { details: { file: this.options.file, line, field } });
    this.record(line, `${field}: ${problem}`);
  }

  /** Records a row left out that is not an error (an exact repeat of an earlier row), in either mode. */
  note(line: number | null, reason: string): void {
    this.record(line, reason);
  }

  private record(line: number | null, reason: string): void {
    this.total++;
    const kind = reason.replace(/\d+/g, 'N');
    this.byReason.set(kind, (this.byReason.get(kind) ?? 0) + 1);
    if (this.skipped.length < this.keep) this.skipped.push({ file: this.options.file, line, reason });
  }
}
