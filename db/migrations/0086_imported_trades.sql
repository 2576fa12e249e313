-- Trade history migrated from another system (npm run import:trades): fills and closed round trips carry
-- the file they came from, and appear in reports like any other trade. An imported row has a stable key,
-- so importing a file twice changes nothing.

ALTER TABLE fills ADD COLUMN imported_from text;        -- the file (relative path) a migrated fill came from
ALTER TABLE fills ADD COLUMN fee_usd double precision;  -- fee the source recorded for this fill, when it did
ALTER TABLE trades ADD COLUMN imported_from text;
ALTER TABLE trades ADD COLUMN import_key text;          -- hash of the trip's imported fills (or the state file's trade)
CREATE UNIQUE INDEX trades_import_key_idx ON trades (import_key) WHERE import_key IS NOT NULL;
