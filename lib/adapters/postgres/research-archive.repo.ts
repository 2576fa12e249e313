import { createHash } from 'node:crypto';
import type pg from 'pg';
import { backtestReportSchema, type BacktestReportFile } from '../../domain/research/backtest-report.schema.ts';
import { eventStudyDocumentSchema, type EventStudyDocumentFile } from '../../domain/research/event-study.schema.ts';
import type { ResearchArchive, ResearchRunKind } from '../../ports/research-runs.port.ts';
import { readJson } from './json-columns.ts';

/** JSON with object keys sorted at every depth: the same settings hash the same whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** SHA-256 (hex) of a value's canonical JSON. */
export const digestOf = (v: unknown): string => createHash('sha256').update(canonical(v)).digest('hex');

/**
 * Saves finished backtests and event studies as research runs (db/migrations/0089_research_run_kinds.sql),
 * each document parsed through its schema first: a document that does not fit is refused, nothing is written.
 */
export class PgResearchArchive implements ResearchArchive {
  constructor(private readonly pool: pg.Pool) {}

  async saveBacktest(report: BacktestReportFile): Promise<number> {
    const doc = readJson<typeof backtestReportSchema, BacktestReportFile>(backtestReportSchema, report, 'backtest report');
    return this.save('backtest', doc.settings, doc.digest, doc);
  }

  async saveEventStudy(document: EventStudyDocumentFile): Promise<number> {
    const doc = readJson<typeof eventStudyDocumentSchema, EventStudyDocumentFile>(eventStudyDocumentSchema, document, 'event study');
    return this.save('event-study', doc.settings, digestOf(doc.groups), doc);
  }

  /** The same settings with the same result is the same run: saving it again refreshes it and keeps its id. */
  private async save(kind: ResearchRunKind, settings: Record<string, unknown>, resultDigest: string, doc: unknown): Promise<number> {
    const settingsDigest = digestOf(settings);
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO research_runs (spec_key, spec, kind, settings_digest, status, summary, finished_at)
       VALUES ($1, $2, $3, $4, 'done', $5, now())
       ON CONFLICT (spec_key) DO UPDATE SET summary = EXCLUDED.summary, finished_at = EXCLUDED.finished_at
       RETURNING id`,
      [`${kind}:${settingsDigest}:${resultDigest}`, JSON.stringify(settings), kind, settingsDigest, JSON.stringify(doc)],
    );
    return Number(rows[0]!.id);
  }
}
