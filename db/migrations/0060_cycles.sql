-- The coordinator's cycles (timings per stage, counts, errors) and the fencing tokens that keep a tick that
-- lost its lock from writing.

CREATE TABLE cycles (
  id            bigserial PRIMARY KEY,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  fence_token   bigint NOT NULL,
  mode          text NOT NULL,
  market_phase  text NOT NULL,
  status        text NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed')),
  stages        jsonb NOT NULL DEFAULT '[]'::jsonb, -- [{name, startedAt, ms, ok, counts, error}]
  counts        jsonb NOT NULL DEFAULT '{}'::jsonb,
  errors        jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX cycles_started_idx ON cycles (started_at);

CREATE TABLE fences (
  name   text PRIMARY KEY,
  token  bigint NOT NULL
);

CREATE TABLE daily_reports (
  day        date PRIMARY KEY,
  created_at timestamptz NOT NULL,
  report     jsonb NOT NULL
);

-- When each stage last ran and last succeeded, so the schedule knows what is due.
CREATE TABLE stage_runs (
  stage        text PRIMARY KEY,
  last_run_at  timestamptz NOT NULL,
  last_ok_at   timestamptz,
  last_day     date                      -- the trading day of the last run (daily stages)
);
