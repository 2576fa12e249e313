import { Redis } from '@upstash/redis';

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
  return new Redis({
    url: settings.url,
    token: settings.token,
    enableTelemetry: false,
    automaticDeserialization: false,
    retry: { retries: 2, backoff: (n) => 50 * 2 ** n },
  });
}

export type { Redis };
