-- The simulated clock of `npm start` (sim mode): where simulated time stood, so a restart resumes there,
-- and the synthetic market's identity (seed, size, first day), so its history stays the same.
CREATE TABLE sim_clock (
  id            smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  seed          integer NOT NULL,
  symbols       integer NOT NULL,
  market_start  date NOT NULL,
  sim_time      timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
