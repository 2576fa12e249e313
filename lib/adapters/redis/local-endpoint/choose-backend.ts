import { MemoryBackend } from './memory-backend.ts';
import { RespBackend } from './resp-backend.ts';
import type { RedisBackend } from './reply.ts';

/** A real redis-server when one answers PING at `redisUrl`, otherwise the in-memory fallback (unless forbidden). */
export async function chooseBackend(
  redisUrl: string,
  options: { allowMemory: boolean } = { allowMemory: true },
): Promise<RedisBackend> {
  const resp = RespBackend.fromUrl(redisUrl);
  try {
    const [pong] = await resp.exec([['PING']], false);
    if (pong && typeof pong === 'object' && 'value' in pong && pong.value === 'PONG') return resp;
    throw new Error(`unexpected PING reply from ${redisUrl}`);
  } catch (e) {
    await resp.close();
    if (!options.allowMemory) {
      throw new Error(`redis-server is not reachable at ${redisUrl}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new MemoryBackend();
  }
}
