import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleLineFor, routeJsonLogs } from './log-router.ts';
import { createLogger } from '../lib/platform/logger.ts';

describe("npm start's console", () => {
  it('keeps_json_lines_in_the_log_file_and_shows_warnings_and_errors_in_words', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'catalyst-logs-'));
    const said: string[] = [];
    const router = routeJsonLogs(path.join(dir, 'logs', 'catalyst.log'), (l) => said.push(l));
    try {
      const log = createLogger().child({ fn: 'coordinator/tick' });
      log.info('invocation', { statusCode: 200 });
      log.error('invocation failed', { code: 'DEPENDENCY_UNAVAILABLE', message: 'Redis (UPSTASH_REDIS_REST_URL) is unreachable' });
      process.stdout.write('[catalyst] a human line\n');
    } finally {
      await router.close();
    }
    const file = await readFile(router.file, 'utf8');
    expect(file.trim().split('\n').map((l) => JSON.parse(l).msg)).toEqual(['invocation', 'invocation failed']);
    expect(said).toEqual(['ERROR coordinator/tick: invocation failed (DEPENDENCY_UNAVAILABLE: Redis (UPSTASH_REDIS_REST_URL) is unreachable)']);
    await rm(dir, { recursive: true, force: true });
  });

  it('says_nothing_for_info_lines_or_text', () => {
    expect(consoleLineFor('{"level":"info","msg":"x"}')).toBeNull();
    expect(consoleLineFor('not json')).toBeNull();
    expect(consoleLineFor('{"level":"warn","msg":"could not record run","fn":"news/collect"}')).toBe('warning news/collect: could not record run');
  });
});
