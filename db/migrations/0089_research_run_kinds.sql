-- Research runs of every kind in one list (the dashboard's Research views): a backtest saved with
-- `npm run backtest -- --save` and an event study saved with `npm run study -- events --save` are stored as
-- runs beside the walk-forward studies, their whole validated document in `summary`.

ALTER TABLE research_runs
  ADD COLUMN kind text NOT NULL DEFAULT 'walk-forward' CHECK (kind IN ('backtest', 'event-study', 'walk-forward')),
  -- SHA-256 of the settings alone (runs with the same settings share it); a walk-forward study's spec_key is that already.
  ADD COLUMN settings_digest text;

CREATE INDEX research_runs_kind_newest ON research_runs (kind, id DESC);
