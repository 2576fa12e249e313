-- The simulated broker's accounts (sim mode): one row per account holds everything but orders and fills,
-- so separate function invocations share one account. Each call locks the account row (SELECT ... FOR
-- UPDATE), loads its open orders, matches the bars since processed_until, and writes back in one statement.

CREATE TABLE sim_broker_accounts (
  account_id  text PRIMARY KEY,
  version     bigint NOT NULL,                 -- bumped by every save; the save checks it (belt and braces with the lock)
  state       jsonb NOT NULL,                  -- cash, positions, processedUntil, last_equity, id sequence (AccountState)
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sim_broker_orders (
  account_id      text NOT NULL REFERENCES sim_broker_accounts (account_id) ON DELETE CASCADE,
  id              uuid NOT NULL,
  client_order_id text NOT NULL,
  parent_id       uuid,                        -- the entry of a bracket / oto, the take-profit of an oco
  symbol          text NOT NULL,
  status          text NOT NULL,
  is_open         boolean NOT NULL,            -- not filled, canceled, expired, replaced or rejected
  created_at      timestamptz NOT NULL,
  data            jsonb NOT NULL,              -- the whole SimOrder
  PRIMARY KEY (account_id, id),
  -- Alpaca refuses a reused client_order_id, also after a cancel: the engine checks first, this backs it up.
  UNIQUE (account_id, client_order_id)
);
CREATE INDEX sim_broker_orders_open_idx ON sim_broker_orders (account_id) WHERE is_open;
CREATE INDEX sim_broker_orders_created_idx ON sim_broker_orders (account_id, created_at);
CREATE INDEX sim_broker_orders_parent_idx ON sim_broker_orders (account_id, parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE sim_broker_fills (
  account_id  text NOT NULL REFERENCES sim_broker_accounts (account_id) ON DELETE CASCADE,
  id          text NOT NULL,                   -- Alpaca's activity id 'YYYYMMDDhhmmssSSS::uuid': sorts by time
  order_id    uuid NOT NULL,
  at          timestamptz NOT NULL,
  data        jsonb NOT NULL,                  -- the whole SimFill
  PRIMARY KEY (account_id, id)
);
CREATE INDEX sim_broker_fills_at_idx ON sim_broker_fills (account_id, at);
