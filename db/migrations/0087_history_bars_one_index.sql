-- history_bars keeps only its primary key (symbol, timeframe, t). The (timeframe, t) index served no query:
-- the replay loads bars by symbol list, timeframe and time range (the primary key's order), and the series
-- summary reads the whole table. Every downloaded bar paid for its upkeep, about a quarter of the
-- database's work per row (npm run bench -- history).
DROP INDEX IF EXISTS history_bars_timeframe_t_idx;
