import type pg from 'pg';
import type { SkippedNewsItem } from '../../ports/news-source.port.ts';
import type { AnalysedNewsItem, IngestReport, NewsQuery, NewsStore, SameStory, StoredNewsItem } from '../../ports/news-store.port.ts';
import { inTransaction } from './pool.ts';
import { assignStories, type CandidateStory } from './news-story-matcher.ts';
import { toStoredNewsItem, type NewsItemRow } from './news.rows.ts';

const ts = (ms: number) => new Date(ms).toISOString();
const WINDOW_MS = 48 * 3_600_000;

/** Postgres news store: one transaction and a constant number of statements per ingested batch. */
export class PgNewsStore implements NewsStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly sameStory: SameStory,
  ) {}

  async ingest(batch: readonly AnalysedNewsItem[], skipped: readonly SkippedNewsItem[], at: number): Promise<IngestReport> {
    return inTransaction(this.pool, async (c) => {
      // Serialises concurrent collectors so one story is never created twice.
      await c.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':news-ingest'))`);
      if (skipped.length) {
        await c.query(
          `INSERT INTO news_skips (at, source, source_id, reason) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
          [ts(at), skipped.map((s) => s.source), skipped.map((s) => s.sourceId), skipped.map((s) => s.reason)],
        );
      }
      if (batch.length === 0) return { inserted: 0, duplicates: 0, newStories: 0, skipped: skipped.length };
      const sources = batch.map((b) => b.item.source);
      const ids = batch.map((b) => b.item.sourceId);
      const known = await c.query<{ source: string; source_id: string; version: Date; story_id: string }>(
        `SELECT i.source, i.source_id, i.version, i.story_id FROM news_items i
           JOIN unnest($1::text[], $2::text[]) AS k(source, source_id) USING (source, source_id)`,
        [sources, ids],
      );
      const storedVersions = new Set(known.rows.map((r) => `${r.source}\u0000${r.source_id}\u0000${r.version.getTime()}`));
      const fresh = batch.filter((b) => !storedVersions.has(`${b.item.source}\u0000${b.item.sourceId}\u0000${b.item.version}`));
      const unique = [...new Map(fresh.map((b) => [`${b.item.source}\u0000${b.item.sourceId}\u0000${b.item.version}`, b])).values()];
      if (unique.length === 0) return { inserted: 0, duplicates: batch.length, newStories: 0, skipped: skipped.length };

      const minPublished = Math.min(...unique.map((b) => b.item.publishedAt));
      const recent = await c.query<{ id: string; headline: string; fingerprint: string; symbols: string[]; sources: string[]; first_published_at: Date }>(
          `SELECT id, headline, fingerprint, symbols, sources, first_published_at FROM news_stories WHERE first_published_at >= $1 ORDER BY id`,
          [ts(minPublished - WINDOW_MS)],
        );
      const hashes = await c.query<{ content_hash: string; story_id: string }>(
          `SELECT DISTINCT ON (content_hash) content_hash, story_id FROM news_items WHERE content_hash = ANY($1::text[]) ORDER BY content_hash, id`,
          [unique.map((b) => b.item.contentHash)],
        );
      const stories: CandidateStory[] = recent.rows.map((r) => ({
        id: Number(r.id),
        headline: r.headline,
        fingerprint: r.fingerprint,
        symbols: new Set(r.symbols),
        sources: new Set(r.sources),
        publishedAt: r.first_published_at.getTime(),
      }));
      // Stories of earlier versions or equal hashes may be older than the window: add them as candidates.
      const outside = [...known.rows.map((r) => Number(r.story_id)), ...hashes.rows.map((r) => Number(r.story_id))].filter(
        (id) => !stories.some((s) => s.id === id),
      );
      if (outside.length) {
        const more = await c.query<{ id: string; headline: string; fingerprint: string; symbols: string[]; sources: string[]; first_published_at: Date }>(
          `SELECT id, headline, fingerprint, symbols, sources, first_published_at FROM news_stories WHERE id = ANY($1::bigint[])`,
          [[...new Set(outside)]],
        );
        for (const r of more.rows) {
          stories.push({ id: Number(r.id), headline: r.headline, fingerprint: r.fingerprint, symbols: new Set(r.symbols), sources: new Set(r.sources), publishedAt: r.first_published_at.getTime() });
        }
      }
      const existingCount = stories.length;
      const assignment = assignStories(
        unique,
        stories,
        new Map(known.rows.map((r) => [`${r.source}\u0000${r.source_id}`, Number(r.story_id)])),
        new Map(hashes.rows.map((r) => [r.content_hash, Number(r.story_id)])),
        this.sameStory,
      );
      const created = stories.slice(existingCount);
      if (created.length) {
        const { rows } = await c.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('news_stories', 'id')) AS id FROM generate_series(1, $1)`, [created.length]);
        created.forEach((s, i) => (s.id = Number(rows[i]!.id)));
        const firstItem = (story: CandidateStory) => unique[assignment.indexOf(stories.indexOf(story))]!.item;
        await c.query(
          `INSERT INTO news_stories (id, fingerprint, headline, symbols, sources, first_published_at, first_received_at)
           SELECT id, fingerprint, headline, ARRAY(SELECT jsonb_array_elements_text(symbols)), ARRAY(SELECT jsonb_array_elements_text(sources)), pub, rec
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::timestamptz[], $7::timestamptz[])
             AS t(id, fingerprint, headline, symbols, sources, pub, rec)`,
          [
            created.map((s) => s.id),
            created.map((s) => s.fingerprint),
            created.map((s) => s.headline),
            created.map((s) => JSON.stringify([...s.symbols])),
            created.map((s) => JSON.stringify([...s.sources])),
            created.map((s) => ts(s.publishedAt)),
            created.map((s) => ts(firstItem(s).receivedAt)),
          ],
        );
      }
      const joined = stories.slice(0, existingCount).filter((_, i) => assignment.includes(i));
      if (joined.length) {
        await c.query(
          `UPDATE news_stories s SET symbols = ARRAY(SELECT jsonb_array_elements_text(u.symbols)), sources = ARRAY(SELECT jsonb_array_elements_text(u.sources))
           FROM unnest($1::bigint[], $2::jsonb[], $3::jsonb[]) AS u(id, symbols, sources) WHERE s.id = u.id`,
          [joined.map((s) => s.id), joined.map((s) => JSON.stringify([...s.symbols])), joined.map((s) => JSON.stringify([...s.sources]))],
        );
      }
      const rows = unique.map((b, i) => ({ b, storyId: stories[assignment[i]!]!.id! }));
      await c.query(
        `INSERT INTO news_items (story_id, source, source_id, version, published_at, received_at, headline, summary, url,
           source_symbols, symbols, content_hash, delayed, meta, sentiment_score, sentiment_label, catalyst_type,
           catalyst_blocks_long, analysis)
         SELECT story_id, source, source_id, version, published_at, received_at, headline, summary, url,
           ARRAY(SELECT jsonb_array_elements_text(source_symbols)), ARRAY(SELECT jsonb_array_elements_text(symbols)),
           content_hash, delayed, meta, sentiment_score, sentiment_label, catalyst_type, catalyst_blocks_long, analysis
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::text[],
           $8::text[], $9::text[], $10::jsonb[], $11::jsonb[], $12::text[], $13::boolean[], $14::jsonb[], $15::float8[], $16::text[],
           $17::text[], $18::boolean[], $19::jsonb[])
           AS t(story_id, source, source_id, version, published_at, received_at, headline, summary, url, source_symbols, symbols,
             content_hash, delayed, meta, sentiment_score, sentiment_label, catalyst_type, catalyst_blocks_long, analysis)
         ON CONFLICT (source, source_id, version) DO NOTHING`,
        [
          rows.map((r) => r.storyId),
          rows.map((r) => r.b.item.source),
          rows.map((r) => r.b.item.sourceId),
          rows.map((r) => ts(r.b.item.version)),
          rows.map((r) => ts(r.b.item.publishedAt)),
          rows.map((r) => ts(r.b.item.receivedAt)),
          rows.map((r) => r.b.item.headline),
          rows.map((r) => r.b.item.summary),
          rows.map((r) => r.b.item.url),
          rows.map((r) => JSON.stringify(r.b.item.symbols)),
          rows.map((r) => JSON.stringify([...new Set([...r.b.item.symbols, ...r.b.analysis.linkedSymbols.map((l) => l.symbol)])])),
          rows.map((r) => r.b.item.contentHash),
          rows.map((r) => r.b.item.delayed === true),
          rows.map((r) => JSON.stringify(r.b.item.meta ?? {})),
          rows.map((r) => r.b.analysis.sentimentScore),
          rows.map((r) => r.b.analysis.sentimentLabel),
          rows.map((r) => r.b.analysis.catalystType),
          rows.map((r) => r.b.analysis.catalystBlocksLong),
          rows.map((r) =>
            JSON.stringify({
              catalystWeight: r.b.analysis.catalystWeight,
              linkedSymbols: r.b.analysis.linkedSymbols,
              fingerprint: r.b.analysis.fingerprint,
              ...(r.b.analysis.companies ? { companies: r.b.analysis.companies } : {}),
              evidence: r.b.analysis.evidence,
            }),
          ),
        ],
      );
      return { inserted: unique.length, duplicates: batch.length - unique.length, newStories: created.length, skipped: skipped.length };
    });
  }

  async latestKnown(q: NewsQuery): Promise<StoredNewsItem[]> {
    const { rows } = await this.pool.query<NewsItemRow>(
      `SELECT * FROM (
         SELECT DISTINCT ON (source, source_id) * FROM news_items
         WHERE received_at <= $1 AND ($2::timestamptz IS NULL OR published_at >= $2) AND ($3::text[] IS NULL OR symbols && $3)
         ORDER BY source, source_id, version DESC
       ) latest ORDER BY published_at DESC, id DESC LIMIT $4`,
      [ts(q.knownAt), q.publishedAfter === undefined ? null : ts(q.publishedAfter), q.symbols ? [...q.symbols] : null, q.limit ?? 500],
    );
    return rows.map(toStoredNewsItem);
  }

  async versions(source: string, sourceId: string): Promise<StoredNewsItem[]> {
    const { rows } = await this.pool.query<NewsItemRow>(`SELECT * FROM news_items WHERE source = $1 AND source_id = $2 ORDER BY version`, [source, sourceId]);
    return rows.map(toStoredNewsItem);
  }

  async newestVersionBySource(): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ source: string; v: Date }>(`SELECT source, max(version) AS v FROM news_items GROUP BY source`);
    return new Map(rows.map((r) => [r.source, r.v.getTime()]));
  }
}
