import { Redis } from '@upstash/redis';
import { AppError } from '../../shared/errors.ts';

export interface RedisSettings {
  url: string;
  token: string;
}

/**
 * The project's only Redis client: `@upstash/redis` over HTTP (Upstash in the cloud, the local endpoint on
 * a laptop). Values are kept as strings; callers serialise. Retries are few and short: Redis holds only
 * what may be lost, so a slow Redis must not stall a tick.
 */
export function createRedis(settings: RedisSettings): Redis {
  const redis = new Redis({
    url: settings.url,
    token: settings.token,
    enableTelemetry: false,
    automaticDeserialization: false,
    retry: { retries: 2, backoff: (n) => 50 * 2 ** n },
  });
  return namingFailures(redis);
}

/** Why a Redis command failed, as a dependency error naming the setting to check (never its value). */
export function redisFailure(e: unknown): AppError {
  const err = e as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  const cause = err?.cause && typeof err.cause === 'object' ? ` (${String(err.cause.code ?? err.cause.message ?? '')})` : '';
  if (/unauthori[sz]ed|WRONGPASS|NOAUTH|invalid.*token|401|403/i.test(message)) {
    return new AppError('DEPENDENCY_REFUSED', `Redis refused the token (check UPSTASH_REDIS_REST_TOKEN): ${message}`, { details: { dependency: 'redis' }, cause: e });
  }
  return new AppError('DEPENDENCY_UNAVAILABLE', `Redis (UPSTASH_REDIS_REST_URL) is unreachable: ${message}${cause}`, { details: { dependency: 'redis' }, cause: e });
}

/** Every command's failure becomes a named dependency error (a script error or a bug stays as it is). */
function namingFailures(redis: Redis): Redis {
  return new Proxy(redis, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || prop === 'pipeline' || prop === 'multi' || prop === 'createScript') return value;
      return (...args: unknown[]) => {
        const out = (value as (...a: unknown[]) => unknown).apply(target, args);
        return out instanceof Promise ? out.catch((e: unknown) => Promise.reject(isTransport(e) ? redisFailure(e) : e)) : out;
      };
    },
  });
}

/** A failure to reach or be admitted by Redis (not a command Redis answered with an error of its own). */
function isTransport(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return e.name === 'TypeError' || /fetch failed|ECONN|ENOTFOUND|ETIMEDOUT|socket|network|unauthori[sz]ed|WRONGPASS|NOAUTH|401|403|502|503|504/i.test(e.message);
}

export type { Redis };
