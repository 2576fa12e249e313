import pg from 'pg';

/** How to reach Postgres. */
export interface PgSettings {
  url: string;
  /** PEM of the CA that signed the server certificate (DigitalOcean managed Postgres). */
  caCert?: string;
  /** Connections in this container's pool: small, because PgBouncer multiplexes them. */
  max: number;
  applicationName?: string;
  /** Extra `options` for each connection (tests use it to set a search_path). */
  connectionOptions?: string;
}

// node-postgres lets `sslmode` in the URL override the `ssl` object (brianc/node-postgres#2375), which
// would drop our CA, so the URL's TLS parameters are removed when a CA is given.
function withoutTlsParams(url: string): string {
  const u = new URL(url);
  for (const p of ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat']) u.searchParams.delete(p);
  return u.toString();
}

/** Decodes a CA given as PEM text, as `\n`-escaped PEM (how `${VAR}` substitution ships it), or as base64. */
export function normaliseCaCert(ca: string): string {
  const text = ca.includes('\\n') ? ca.replace(/\\n/g, '\n') : ca;
  if (text.includes('-----BEGIN')) return text;
  return Buffer.from(text, 'base64').toString('utf8');
}

/** Builds one small pool; call once per warm container (module scope), never per invocation. */
export function createPool(settings: PgSettings): pg.Pool {
  const tls = settings.caCert
    ? { ssl: { ca: normaliseCaCert(settings.caCert), rejectUnauthorized: true } }
    : {};
  return new pg.Pool({
    connectionString: settings.caCert ? withoutTlsParams(settings.url) : settings.url,
    ...tls,
    max: settings.max,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 5_000,
    allowExitOnIdle: true,
    application_name: settings.applicationName ?? 'catalyst',
    ...(settings.connectionOptions ? { options: settings.connectionOptions } : {}),
  });
}

/** Runs `work` inside one transaction on one connection; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
