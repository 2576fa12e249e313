-- The lock's fencing tokens are issued by Postgres, not by a Redis counter: Redis may lose its keys (a flush,
-- an eviction, a new database, a prefix change) and a counter that restarts at 1 would be refused by every
-- fenced write forever. `issued` is the last token handed out; it never goes below the last writer's token.
ALTER TABLE fences ADD COLUMN issued bigint NOT NULL DEFAULT 0;
UPDATE fences SET issued = token;
