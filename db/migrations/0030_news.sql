-- News: every version of every item from every source, grouped into stories (the same story from several
-- sources, or a near-identical headline), with its analysis. Point-in-time reads use received_at.

CREATE TABLE news_stories (
  id                 bigserial PRIMARY KEY,
  fingerprint        text NOT NULL,          -- near-duplicate fingerprint of the first headline
  headline           text NOT NULL,          -- headline of the first item
  symbols            text[] NOT NULL,
  sources            text[] NOT NULL,
  first_published_at timestamptz NOT NULL,
  first_received_at  timestamptz NOT NULL
);
CREATE INDEX news_stories_published_idx ON news_stories (first_published_at);

CREATE TABLE news_items (
  id                 bigserial PRIMARY KEY,
  story_id           bigint NOT NULL REFERENCES news_stories (id),
  source             text NOT NULL,
  source_id          text NOT NULL,
  version            timestamptz NOT NULL,   -- the source's updated_at
  published_at       timestamptz NOT NULL,
  received_at        timestamptz NOT NULL,   -- our clock: what "known at t" is measured against
  headline           text NOT NULL,
  summary            text NOT NULL,
  url                text,
  source_symbols     text[] NOT NULL,        -- tickers the source gave
  symbols            text[] NOT NULL,        -- source tickers plus linked ones
  content_hash       text NOT NULL,
  delayed            boolean NOT NULL DEFAULT false,
  meta               jsonb NOT NULL DEFAULT '{}'::jsonb,
  sentiment_score    double precision NOT NULL,
  sentiment_label    text NOT NULL CHECK (sentiment_label IN ('positive', 'negative', 'neutral')),
  catalyst_type      text,
  catalyst_blocks_long boolean NOT NULL DEFAULT false,
  analysis           jsonb NOT NULL,         -- evidence: phrases, links with confidence, catalyst weight
  UNIQUE (source, source_id, version)
);
CREATE INDEX news_items_received_idx ON news_items (received_at);
CREATE INDEX news_items_symbols_idx ON news_items USING gin (symbols);
CREATE INDEX news_items_story_idx ON news_items (story_id);
CREATE INDEX news_items_hash_idx ON news_items (content_hash);

-- Items a source sent that could not be normalised: skipped with the reason, never guessed.
CREATE TABLE news_skips (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL,
  source     text NOT NULL,
  source_id  text,
  reason     text NOT NULL
);
CREATE INDEX news_skips_at_idx ON news_skips (at);
