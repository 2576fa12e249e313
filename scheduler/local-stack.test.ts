import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startLocalStack } from './local-stack.ts';

/** Start-up problems are one clear message naming the setting (never its value), at once. */
describe('npm start with a setting that cannot work', () => {
  let dir = '';
  const ROOT = path.resolve(import.meta.dirname, '..');
  const start = (env: Record<string, string>) => startLocalStack({ env, root: ROOT, allowMemoryRedis: true, log: () => undefined });
  const redis = () => ({ UPSTASH_REDIS_REST_URL: inject('redisRestUrl'), UPSTASH_REDIS_REST_TOKEN: inject('redisRestToken') });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-stack-'));
    await writeFile(path.join(dir, 'a-file'), 'x');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('an_unwritable_local_data_dir_fails_at_once_with_the_path_and_the_reason', async () => {
    const bad = path.join(dir, 'a-file', 'data');
    const started = Date.now();
    await expect(start({ LOCAL_DATA_DIR: bad, ...redis() })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/^LOCAL_DATA_DIR: cannot write .*a-file\/data\/pglite: a part of the path is a file \(ENOTDIR\)/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an_unreachable_postgres_names_database_url_without_its_password', async () => {
    const e = (await start({ DATABASE_URL: 'postgres://catalyst:pw-secret-value@127.0.0.1:9/catalyst', ...redis() }).catch((x: unknown) => x)) as Error & { code: string };
    expect(e).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringMatching(/^Postgres \(DATABASE_URL\) is unreachable: connect ECONNREFUSED/) });
    expect(e.message).not.toContain('pw-secret-value');
  });

  it('an_unreachable_or_refusing_upstash_names_the_setting', async () => {
    await expect(start({ DATABASE_URL: inject('databaseUrl'), UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9', UPSTASH_REDIS_REST_TOKEN: 'tok-secret-value' })).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      message: expect.stringMatching(/^Redis \(UPSTASH_REDIS_REST_URL\) is unreachable/),
    });
    const refused = (await start({ DATABASE_URL: inject('databaseUrl'), UPSTASH_REDIS_REST_URL: inject('redisRestUrl'), UPSTASH_REDIS_REST_TOKEN: 'tok-secret-value' }).catch((x: unknown) => x)) as Error;
    expect(refused).toMatchObject({ code: 'DEPENDENCY_REFUSED', message: expect.stringContaining('check UPSTASH_REDIS_REST_TOKEN') });
    expect(refused.message).not.toContain('tok-secret-value');
  });
});
