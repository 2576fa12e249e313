import * as z from 'zod/mini';

/**
 * The event study's JSON document (`catalyst.event-study` version 1, lib/app/research/event-study-report.ts
 * documents each field), as a schema: a study saved as a research run is parsed with it on the way in and on
 * the way out. Returns are fractions, in the direction of the news.
 */
const nnum = z.nullable(z.number());

export const sampleSummarySchema = z.object({
  n: z.number(),
  mean: nnum,
  median: nnum,
  sd: nnum,
  t: nnum,
  hitRate: nnum,
  ci: z.nullable(z.tuple([z.number(), z.number()])),
});

export const eventGroupSchema = z.object({
  dimension: z.enum(['all', 'catalyst', 'sentiment', 'phase', 'rvol']),
  group: z.string(),
  events: z.number(),
  /** Per horizon label (`1m`, `5m`, `15m`, `60m`, `close`). */
  returns: z.record(z.string(), sampleSummarySchema),
  adjusted: z.nullable(z.record(z.string(), sampleSummarySchema)),
  meanMae: nnum,
  meanMfe: nnum,
});

export const eventStudySettingsSchema = z.object({
  from: z.string(),
  to: z.string(),
  symbols: z.nullable(z.array(z.string())),
  horizons: z.array(z.string()),
  newsLatency: z.string(),
  spreadModel: z.string(),
  indexSymbol: z.nullable(z.string()),
  bootstrap: z.object({ resamples: z.number(), level: z.number(), seed: z.number() }),
});

export const eventSkipsSchema = z.object({ laterVersions: z.number(), outsideWindow: z.number(), noSymbolBars: z.number(), noBarAfterNews: z.number() });

/** One event on one symbol (lib/app/research/news-events.ts); returns are fractions, net of the spread. */
export const newsEventSchema = z.object({
  source: z.string(),
  sourceId: z.string(),
  version: z.number(),
  knownAt: z.number(),
  symbol: z.string(),
  headline: z.string(),
  catalyst: z.string(),
  sentiment: z.enum(['positive', 'negative', 'neutral']),
  sentimentScore: z.number(),
  direction: z.union([z.literal(1), z.literal(-1)]),
  phase: z.string(),
  relativeVolume: nnum,
  rvolBucket: z.string(),
  spreadBps: z.number(),
  entryT: z.number(),
  entryPrice: z.number(),
  returns: z.record(z.string(), nnum),
  adjusted: z.record(z.string(), nnum),
  mae: nnum,
  mfe: nnum,
  textLaterThanKnown: z.boolean(),
});

export const eventStudyDocumentSchema = z.object({
  format: z.literal('catalyst.event-study'),
  version: z.literal(1),
  settings: eventStudySettingsSchema,
  definitions: z.record(z.string(), z.string()),
  skipped: eventSkipsSchema,
  groups: z.array(eventGroupSchema),
  events: z.array(newsEventSchema),
});

export type EventStudyDocumentFile = z.infer<typeof eventStudyDocumentSchema>;
export type EventGroupFile = z.infer<typeof eventGroupSchema>;
