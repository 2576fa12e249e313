-- History downloaded from Alpaca (npm run history:download): one row per finished unit of work, so a run
-- killed at any moment continues where it stopped. A unit is a symbol (for news: the request's symbol
-- list, '*' for all) at one timeframe over a window [range_from, range_to), with the feed and adjustment
-- its bars were asked for; the bars themselves say the same in history_bars.source.

CREATE TABLE history_download_checkpoints (
  dataset      text NOT NULL CHECK (dataset IN ('bars', 'news')),
  symbol       text NOT NULL,
  timeframe    text NOT NULL,               -- '' for news
  feed         text NOT NULL,               -- 'iex' | 'sip'; '' for crypto pairs and news
  adjustment   text NOT NULL,               -- 'raw' | 'split' | 'dividend' | 'all'; '' for crypto and news
  range_from   timestamptz NOT NULL,
  range_to     timestamptz NOT NULL,
  rows_stored  bigint NOT NULL,             -- bars, or news versions, stored for this unit
  completed_at timestamptz NOT NULL,
  PRIMARY KEY (dataset, symbol, timeframe, feed, adjustment, range_from, range_to)
);

-- The asset records of downloaded symbols (name, exchange, class, increments), as Alpaca's /v2/assets gave
-- them: a backtest of downloaded history trades the same universe the scanner would see live.
CREATE TABLE history_assets (
  symbol      text PRIMARY KEY,
  asset       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL
);
