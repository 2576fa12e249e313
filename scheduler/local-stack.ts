import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '../lib/adapters/postgres/embedded.ts';
import { createPool } from '../lib/adapters/postgres/pool.ts';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../lib/adapters/postgres/migrate.ts';
import { chooseBackend } from '../lib/adapters/redis/local-endpoint/choose-backend.ts';
import { startUpstashEndpoint } from '../lib/adapters/redis/local-endpoint/server.ts';
import { createRedis } from '../lib/adapters/redis/redis-client.ts';
import { asDependencyError } from '../lib/platform/dependency-errors.ts';

export interface LocalStack {
  databaseUrl: string;
  database: 'postgres' | 'embedded';
  redisUrl: string;
  redisToken: string;
  redis: 'upstash' | 'redis-server' | 'memory';
  /** Environment the functions of this process should see. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  env: Record<string, string | undefined>;
  root: string;
  /** Allow the in-memory Redis backend when no redis-server answers (npm start: yes; CI: no). */
  allowMemoryRedis: boolean;
  log: (line: string) => void;
}

/**
 * What `npm start` needs beside the functions: Postgres (the configured one, or embedded PGlite when no
 * DATABASE_URL), Redis (the configured Upstash, or the local Upstash-compatible endpoint in front of
 * redis-server, or in memory), and the migrations applied.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { env, log } = options;
  const stops: (() => Promise<void>)[] = [];
  const out: Record<string, string> = {};
  let database: LocalStack['database'] = 'postgres';
  let databaseUrl = env.DATABASE_URL;
  try {
    if (!databaseUrl) {
      const dir = path.resolve(options.root, env.LOCAL_DATA_DIR ?? '.data', 'pglite');
      log(`No DATABASE_URL: starting embedded Postgres (PGlite) in ${path.relative(options.root, dir)} ...`);
      const pg = await startEmbeddedPostgres(dir);
      stops.push(pg.stop);
      databaseUrl = pg.url;
      database = 'embedded';
      out.DATABASE_URL = pg.url;
      out.DATABASE_POOL_MAX = '1'; // PGlite is one session: exactly one connection.
    }
    let redisUrl = env.UPSTASH_REDIS_REST_URL;
    let redisToken = env.UPSTASH_REDIS_REST_TOKEN;
    let redis: LocalStack['redis'] = 'upstash';
    if (!redisUrl || !redisToken) {
      const backend = await chooseBackend(env.LOCAL_REDIS_URL ?? 'redis://127.0.0.1:6379', { allowMemory: options.allowMemoryRedis });
      redisToken = randomBytes(24).toString('hex');
      const endpoint = await startUpstashEndpoint({ backend, token: redisToken });
      stops.push(endpoint.close);
      redisUrl = endpoint.url;
      redis = backend.kind;
      out.UPSTASH_REDIS_REST_URL = redisUrl;
      out.UPSTASH_REDIS_REST_TOKEN = redisToken;
      log(
        backend.kind === 'memory'
          ? `No redis-server at ${env.LOCAL_REDIS_URL ?? 'redis://127.0.0.1:6379'}: using the IN-MEMORY Redis backend (data is lost on exit) behind ${redisUrl}`
          : `Redis: local Upstash-compatible endpoint ${redisUrl} in front of redis-server`,
      );
    }
    if (redis === 'upstash') {
      // A configured Redis is checked now: one clear line naming the setting, not a failure on the first tick.
      await createRedis({ url: redisUrl, token: redisToken }).get('catalyst:startup-check');
    }
    const pool = createPool({ url: databaseUrl, max: 1 });
    try {
      const report = await migrate(pool, await readMigrations(MIGRATIONS_DIR), (l) => log(`  migration ${l}`));
      log(`Database ${database === 'embedded' ? '(embedded)' : ''} migrated: ${report.applied.length} applied, ${report.alreadyApplied} already there`);
    } catch (e) {
      throw asDependencyError(e);
    } finally {
      await pool.end().catch(() => undefined);
    }
    return {
      databaseUrl,
      database,
      redisUrl,
      redisToken,
      redis,
      env: out,
      stop: async () => {
        for (const s of stops.reverse()) await s().catch(() => undefined);
      },
    };
  } catch (e) {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    throw e;
  }
}
