-- Foundation: each function's last run (for health) and the append-only audit log.

CREATE TABLE service_runs (
  function_name   text PRIMARY KEY,            -- '<package>/<function>'
  service         text NOT NULL,               -- the package
  last_success_at timestamptz,
  last_failure_at timestamptz,
  last_error_code text,
  last_duration_ms double precision,
  runs            bigint NOT NULL DEFAULT 0,
  failures        bigint NOT NULL DEFAULT 0
);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor       text NOT NULL,                   -- 'system', 'reconcile', 'operator:<name>'
  action      text NOT NULL,                   -- stable verb: 'order.adopted', 'state.halted', ...
  subject     text,                            -- what it is about: a symbol, an order id, ...
  reason      text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- The audit log is append-only: corrections are new rows, never edits.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
