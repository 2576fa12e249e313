-- Market history for replay and backtests: bars of any timeframe and news items (every version), imported
-- from files (daily/minute/crypto CSVs, tweets) or saved Alpaca responses. Re-importing is idempotent.

CREATE TABLE history_bars (
  symbol     text NOT NULL,                  -- as Alpaca spells it: 'AAPL', 'BRK.A', 'BTC/USD', 'ETH/BTC'
  timeframe  text NOT NULL,                  -- '1Min', '5Min', '1Hour', '1Day'
  t          timestamptz NOT NULL,           -- bar start; daily bars at New York midnight
  o          double precision NOT NULL,      -- prices in the quote currency (USD unless the pair says otherwise)
  h          double precision NOT NULL,
  l          double precision NOT NULL,
  c          double precision NOT NULL,
  v          double precision NOT NULL,      -- shares, or coins for crypto
  vw         double precision,
  n          bigint,
  adj_close  double precision,               -- split- and dividend-adjusted close, when the source has one
  source     text NOT NULL,                  -- the file (or feed) the row came from
  PRIMARY KEY (symbol, timeframe, t),
  CHECK (h >= l AND l > 0 AND v >= 0)
);
CREATE INDEX history_bars_timeframe_t_idx ON history_bars (timeframe, t);

CREATE TABLE history_news (
  source        text NOT NULL,               -- 'alpaca', 'tweets', ...
  source_id     text NOT NULL,
  version       timestamptz NOT NULL,        -- the source's updated_at (or published_at)
  published_at  timestamptz NOT NULL,
  headline      text NOT NULL,
  summary       text NOT NULL,
  url           text,
  symbols       text[] NOT NULL,             -- union of the tickers every import gave this version
  content_hash  text NOT NULL,
  meta          jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (source, source_id, version)
);
CREATE INDEX history_news_version_idx ON history_news (version);
CREATE INDEX history_news_symbols_idx ON history_news USING gin (symbols);
