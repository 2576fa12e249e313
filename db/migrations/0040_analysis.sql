-- Universe, per-symbol daily statistics, and each cycle's candidates and signals with their reasons.

CREATE TABLE assets (
  symbol              text PRIMARY KEY,
  name                text NOT NULL,
  exchange            text NOT NULL,
  asset_class         text NOT NULL CHECK (asset_class IN ('us_equity', 'crypto')),
  status              text NOT NULL,
  tradable            boolean NOT NULL,
  shortable           boolean NOT NULL,
  easy_to_borrow      boolean NOT NULL,
  fractionable        boolean NOT NULL,
  marginable          boolean NOT NULL,
  min_trade_increment double precision NOT NULL,
  price_increment     double precision NOT NULL,
  min_order_size      double precision NOT NULL,
  updated_at          timestamptz NOT NULL
);

-- Refreshed once a day from daily bars, so a scan needs only snapshots (calls constant in the universe).
CREATE TABLE symbol_stats (
  symbol              text PRIMARY KEY,
  as_of               date NOT NULL,                 -- the trading day the statistics describe (last completed)
  prev_close          double precision NOT NULL,
  avg_volume_20d      double precision NOT NULL,     -- shares
  avg_dollar_volume_20d double precision NOT NULL,   -- USD
  atr_14d             double precision,              -- USD
  updated_at          timestamptz NOT NULL
);

CREATE TABLE candidates (
  id           bigserial PRIMARY KEY,
  cycle_id     bigint NOT NULL,
  at           timestamptz NOT NULL,
  symbol       text NOT NULL,
  rank         integer NOT NULL,
  score        double precision NOT NULL,
  blocked      boolean NOT NULL DEFAULT false,   -- e.g. an offering blocks longs
  features     jsonb NOT NULL,                   -- catalyst score, relative volume, gap, price, liquidity, spread
  reasons      jsonb NOT NULL,                   -- readable sentences
  news_item_ids bigint[] NOT NULL DEFAULT '{}',  -- the news versions that made it a candidate
  UNIQUE (cycle_id, symbol)
);
CREATE INDEX candidates_at_idx ON candidates (at);

CREATE TABLE signals (
  id           bigserial PRIMARY KEY,
  cycle_id     bigint NOT NULL,
  at           timestamptz NOT NULL,
  symbol       text NOT NULL,
  direction    text NOT NULL CHECK (direction IN ('long', 'short', 'none')),
  score        double precision NOT NULL,
  explanation  text NOT NULL,
  inputs       jsonb NOT NULL,                   -- indicator values, patterns, regime, news context
  candidate_id bigint REFERENCES candidates (id),
  UNIQUE (cycle_id, symbol)
);
CREATE INDEX signals_at_idx ON signals (at);
