-- Walk-forward studies (npm run optimize): a run per specification (range, folds, trials, objective, seed,
-- sampler, parameter space), every trial it ran (a backtest of one window with one set of settings) and each
-- fold's choice. A study that is interrupted and started again with the same specification finds its run by
-- spec_key and skips the trials already stored.

CREATE TABLE research_runs (
  id          bigserial PRIMARY KEY,
  spec_key    text NOT NULL UNIQUE,            -- SHA-256 of the specification
  spec        jsonb NOT NULL,
  status      text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
  summary     jsonb,                           -- the study's report once done
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

CREATE TABLE research_trials (
  run_id      bigint NOT NULL REFERENCES research_runs (id) ON DELETE CASCADE,
  trial_key   text NOT NULL,                   -- (settings, window): the same trial in several folds is run once
  point       jsonb NOT NULL,                  -- setting name -> value
  window_from date NOT NULL,
  window_to   date NOT NULL,
  result      jsonb NOT NULL,                  -- session returns, trades, figures, decisions digest
  wall_ms     double precision NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, trial_key)
);

CREATE TABLE research_folds (
  run_id                  bigint NOT NULL REFERENCES research_runs (id) ON DELETE CASCADE,
  fold_index              integer NOT NULL,
  in_sample_from          date NOT NULL,
  in_sample_to            date NOT NULL,
  out_of_sample_from      date NOT NULL,
  out_of_sample_to        date NOT NULL,
  chosen_point            jsonb,               -- null: no trial reached the minimum of trades
  in_sample_trial_key     text,
  out_of_sample_trial_key text,
  in_sample_score         double precision,
  out_of_sample_score     double precision,
  PRIMARY KEY (run_id, fold_index)
);
