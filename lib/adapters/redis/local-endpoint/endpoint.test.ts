import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestRedis } from '../../../../test/support/redis.ts';
import { createRedis } from '../redis-client.ts';
import { MemoryBackend } from './memory-backend.ts';
import { RespBackend } from './resp-backend.ts';
import { startUpstashEndpoint, type RunningEndpoint } from './server.ts';
import type { RedisBackend } from './reply.ts';

describe('local Upstash endpoint driven by the real @upstash/redis client', () => {
  const { redis, prefix, url, token } = createTestRedis();
  const k = (s: string) => `${prefix}${s}`;

  it('uses_the_backend_the_setup_reported', () => {
    expect(['redis-server', 'memory']).toContain(inject('redisKind'));
  });

  it('sets_and_gets_strings_including_unicode_and_json', async () => {
    expect(await redis.set(k('a'), 'héllo ✓ 株')).toBe('OK');
    expect(await redis.get(k('a'))).toBe('héllo ✓ 株');
    await redis.set(k('j'), JSON.stringify({ x: 1 }));
    expect(JSON.parse((await redis.get<string>(k('j')))!)).toEqual({ x: 1 });
    expect(await redis.get(k('missing'))).toBeNull();
  });

  it('honours_nx_and_expiry', async () => {
    expect(await redis.set(k('lock'), 't1', { nx: true, px: 5000 })).toBe('OK');
    expect(await redis.set(k('lock'), 't2', { nx: true, px: 5000 })).toBeNull();
    const ttl = await redis.pttl(k('lock'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5000);
  });

  it('counts_hashes_lists_and_sorted_sets', async () => {
    expect(await redis.incr(k('n'))).toBe(1);
    expect(await redis.incrby(k('n'), 41)).toBe(42);
    await redis.hset(k('h'), { a: '1', b: '2' });
    // automaticDeserialization is off (values stay strings), so HGETALL is the raw field/value list.
    expect(await redis.hgetall(k('h'))).toEqual(['a', '1', 'b', '2']);
    await redis.rpush(k('l'), 'x', 'y', 'z');
    expect(await redis.lrange(k('l'), 0, -1)).toEqual(['x', 'y', 'z']);
    await redis.zadd(k('z'), { score: 2, member: 'b' }, { score: 1, member: 'a' });
    expect(await redis.zrange(k('z'), 0, -1)).toEqual(['a', 'b']);
    expect(await redis.zrange(k('z'), 1, 2, { byScore: true })).toEqual(['a', 'b']);
  });

  it('runs_pipelines_and_multi_exec_in_order', async () => {
    const p = redis.pipeline();
    p.set(k('p1'), '1');
    p.incr(k('p1'));
    p.get(k('p1'));
    expect(await p.exec()).toEqual(['OK', 2, '2']);
    const tx = redis.multi();
    tx.set(k('t1'), '5');
    tx.incrby(k('t1'), 3);
    tx.get(k('t1'));
    // Commands the project uses only: the in-memory backend answers them the same way.
    expect(await tx.exec()).toEqual(['OK', 8, '8']);
  });

  it('reports_a_command_error_clearly', async () => {
    await redis.set(k('s'), 'text');
    await expect(redis.incr(k('s'))).rejects.toThrow(/not an integer/);
  });

  it('refuses_a_wrong_token', async () => {
    const bad = createRedis({ url, token: token + 'x' });
    await expect(bad.get(k('a'))).rejects.toThrow();
    const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '["PING"]' });
    expect(res.status).toBe(401);
  });

  it('answers_the_raw_protocol_with_and_without_base64', async () => {
    await redis.set(k('raw'), 'v');
    const post = (path: string, body: unknown, enc?: string) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...(enc ? { 'upstash-encoding': enc } : {}) }, body: JSON.stringify(body) });
    expect(await (await post('/', ['GET', k('raw')])).json()).toEqual({ result: 'v' });
    expect(await (await post('/', ['GET', k('raw')], 'base64')).json()).toEqual({ result: Buffer.from('v').toString('base64') });
    expect(await (await post('/', ['SET', k('raw'), 'w'], 'base64')).json()).toEqual({ result: 'OK' });
    const pipe = await (await post('/pipeline', [['GET', k('raw')], ['INCR', k('raw')]])).json();
    expect(pipe[0]).toEqual({ result: 'w' });
    expect(pipe[1].error).toMatch(/not an integer/);
    const badBody = await post('/', { not: 'a command' });
    expect(badBody.status).toBe(400);
  });
});

describe('in-memory backend parity with redis-server', () => {
  let real: RunningEndpoint | undefined;
  let memory: RunningEndpoint;
  beforeAll(async () => {
    memory = await startUpstashEndpoint({ backend: new MemoryBackend(), token: 't' });
    if (inject('redisKind') === 'redis-server') {
      const backend: RedisBackend = RespBackend.fromUrl(inject('redisServerUrl'));
      real = await startUpstashEndpoint({ backend, token: 't' });
    }
  });
  afterAll(async () => {
    await memory.close();
    await real?.close();
  });

  it('answers_the_commands_the_project_uses_exactly_as_redis_does', async (ctx) => {
    if (!real) ctx.skip();
    const prefix = `parity:${Date.now()}:`;
    const script: (string | number)[][] = [
      ['SET', 'a', '1'], ['GET', 'a'], ['SET', 'a', '2', 'NX'], ['SET', 'b', 'x', 'PX', '60000', 'NX'], ['INCRBY', 'a', '5'],
      ['MGET', 'a', 'b', 'nope'], ['EXISTS', 'a', 'b', 'nope'], ['DEL', 'b', 'nope'], ['HSET', 'h', 'f', 'v', 'g', 'w'],
      ['HGET', 'h', 'f'], ['HINCRBY', 'h', 'n', '3'], ['HGETALL', 'h'], ['HDEL', 'h', 'g'], ['RPUSH', 'l', 'a', 'b', 'c'],
      ['LPUSH', 'l', 'z'], ['LRANGE', 'l', '0', '-1'], ['LTRIM', 'l', '0', '1'], ['LLEN', 'l'], ['SADD', 's', 'x', 'y', 'x'],
      ['SISMEMBER', 's', 'y'], ['SCARD', 's'], ['ZADD', 'z', '3', 'c', '1', 'a', '2', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'z', '(1', '+inf', 'BYSCORE'], ['ZREMRANGEBYSCORE', 'z', '-inf', '1'], ['ZCARD', 'z'], ['ZSCORE', 'z', 'c'],
      ['GET', 'h'], ['EXPIRE', 'a', '100'], ['TTL', 'a'], ['PERSIST', 'a'], ['TTL', 'a'], ['TYPE', 'z'], ['GETDEL', 'a'], ['GET', 'a'],
    ].map(([c, ...rest]) => [c!, ...rest.map((x, i) => (i === 0 || (c === 'MGET' || c === 'EXISTS' || c === 'DEL') ? `${prefix}${x}` : x))]);
    const send = (ep: RunningEndpoint) =>
      fetch(`${ep.url}/pipeline`, { method: 'POST', headers: { authorization: 'Bearer t' }, body: JSON.stringify(script) }).then((r) => r.json());
    const [fromMemory, fromRedis] = await Promise.all([send(memory), send(real!)]);
    const norm = (rows: { result?: unknown; error?: string }[]) => rows.map((r) => (r.error ? { error: r.error.split(' ')[0] } : r));
    expect(norm(fromMemory)).toEqual(norm(fromRedis));
  });
});
