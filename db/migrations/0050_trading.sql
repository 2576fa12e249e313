-- Trading: state, intents (stored before any order is sent), the broker's orders and fills, positions,
-- round-trip trades and the equity curve. The broker is the truth; reconcile writes what it says.

CREATE TABLE trading_state (
  id          smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  state       text NOT NULL CHECK (state IN ('ACTIVE', 'REDUCING', 'HALTED')),
  reason      text NOT NULL,
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL,
  -- an automatic halt (daily loss) lifts at the next session; an operator halt does not
  until       timestamptz,
  equity_high_water_usd double precision
);
INSERT INTO trading_state (state, reason, changed_by, changed_at) VALUES ('ACTIVE', 'initial state', 'system', now());

CREATE TABLE trading_state_history (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  from_state  text NOT NULL,
  to_state    text NOT NULL,
  reason      text NOT NULL,
  changed_by  text NOT NULL
);

CREATE TABLE intents (
  id              bigserial PRIMARY KEY,
  client_order_id text NOT NULL UNIQUE,            -- deterministic: one order per intent, ever
  cycle_id        bigint,
  created_at      timestamptz NOT NULL,
  kind            text NOT NULL,                   -- entry | exit | replace_stop | flatten | operator
  symbol          text NOT NULL,
  side            text NOT NULL CHECK (side IN ('buy', 'sell')),
  qty             double precision NOT NULL,
  request         jsonb NOT NULL,                  -- the OrderRequest as sent (rounded at the boundary)
  signal_id       bigint,
  story_id        bigint,
  news_item_id    bigint,
  reason          text NOT NULL,                   -- why: entry signal, exit reason, operator action
  exit_reason     text,                            -- for exits: take_profit, stop_loss, time_exit, ...
  plan            jsonb,                           -- for entries: stop, target, 1R per unit, time exit
  replaces_order_id text,                          -- for stop replacements
  risk            jsonb NOT NULL DEFAULT '{}'::jsonb, -- the risk checks and their inputs
  status          text NOT NULL CHECK (status IN ('pending', 'submitted', 'accepted', 'rejected', 'duplicate', 'unresolved', 'failed')),
  broker_order_id text,
  outcome         jsonb,
  submitted_at    timestamptz,
  resolved_at     timestamptz,
  lookups         integer NOT NULL DEFAULT 0       -- lookups by client_order_id while unresolved
);
CREATE INDEX intents_status_idx ON intents (status) WHERE status IN ('pending', 'submitted', 'unresolved');
CREATE INDEX intents_created_idx ON intents (created_at);

CREATE TABLE orders (
  id              text PRIMARY KEY,                -- broker order id
  client_order_id text NOT NULL,
  intent_id       bigint REFERENCES intents (id),
  parent_id       text,                            -- bracket leg -> entry order
  symbol          text NOT NULL,
  side            text NOT NULL,
  type            text NOT NULL,
  time_in_force   text NOT NULL,
  order_class     text NOT NULL,
  status          text NOT NULL,
  qty             double precision,
  filled_qty      double precision NOT NULL,
  filled_avg_price double precision,
  limit_price     double precision,
  stop_price      double precision,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  adopted         boolean NOT NULL DEFAULT false   -- placed outside Catalyst
);
CREATE INDEX orders_client_idx ON orders (client_order_id);
CREATE INDEX orders_status_idx ON orders (status);

CREATE TABLE fills (
  id          text PRIMARY KEY,                    -- broker activity id
  order_id    text NOT NULL,
  symbol      text NOT NULL,
  side        text NOT NULL,
  qty         double precision NOT NULL,
  price       double precision NOT NULL,
  at          timestamptz NOT NULL,
  cum_qty     double precision NOT NULL,
  leaves_qty  double precision NOT NULL,
  trade_id    bigint                               -- the round trip it belongs to
);
CREATE INDEX fills_at_idx ON fills (at);
CREATE INDEX fills_symbol_idx ON fills (symbol, at);

CREATE TABLE positions (
  symbol          text PRIMARY KEY,
  side            text NOT NULL CHECK (side IN ('long', 'short')),
  qty             double precision NOT NULL,
  avg_entry_price double precision NOT NULL,
  current_price   double precision,
  unrealized_pl   double precision,
  opened_at       timestamptz NOT NULL,
  entry_intent_id bigint,
  plan            jsonb,                           -- stop, target, 1R in USD, trail state, time exit
  adopted         boolean NOT NULL DEFAULT false,  -- not opened by Catalyst
  updated_at      timestamptz NOT NULL
);

CREATE TABLE trades (
  id              bigserial PRIMARY KEY,
  symbol          text NOT NULL,
  side            text NOT NULL CHECK (side IN ('long', 'short')),
  qty             double precision NOT NULL,
  entry_at        timestamptz NOT NULL,
  entry_price     double precision NOT NULL,
  exit_at         timestamptz,
  exit_price      double precision,
  pnl_usd         double precision,
  fees_usd        double precision NOT NULL DEFAULT 0,
  r_multiple      double precision,
  risk_per_unit_usd double precision,
  max_qty         double precision NOT NULL DEFAULT 0,
  entry_qty       double precision NOT NULL DEFAULT 0,
  exit_qty        double precision NOT NULL DEFAULT 0,
  open_qty        double precision NOT NULL DEFAULT 0,
  fill_ids        text[] NOT NULL DEFAULT '{}',
  exit_reason     text,
  entry_intent_id bigint,
  exit_intent_id  bigint,
  signal_id       bigint,
  story_id        bigint,
  news_item_id    bigint,
  adopted         boolean NOT NULL DEFAULT false
);
CREATE INDEX trades_entry_idx ON trades (entry_at);
CREATE INDEX trades_open_idx ON trades (symbol) WHERE exit_at IS NULL;

CREATE TABLE account_snapshots (
  at              timestamptz PRIMARY KEY,
  equity          double precision NOT NULL,
  cash            double precision NOT NULL,
  buying_power    double precision NOT NULL,
  long_market_value double precision NOT NULL,
  short_market_value double precision NOT NULL,
  last_equity     double precision NOT NULL
);

CREATE TABLE reconcile_cursor (
  id            smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  last_fill_at  timestamptz,
  last_fill_id  text
);
INSERT INTO reconcile_cursor DEFAULT VALUES;
