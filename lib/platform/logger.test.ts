import { describe, expect, it } from 'vitest';
import { createLogger, lazyChild, type Logger } from './logger.ts';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, base: { svc: 'root' }, sink: (l) => lines.push(JSON.parse(l) as Record<string, unknown>), now: () => 0 });
  return { lines, logger };
}

/** A parent that counts the children it builds. */
function counting(parent: Logger) {
  let built = 0;
  const logger: Logger = { ...parent, child: (f) => (built++, parent.child(f)), enabled: (l) => parent.enabled!(l) };
  return { logger, built: () => built };
}

describe('lazyChild', () => {
  it('writes_the_same_lines_as_the_child_it_stands_for', () => {
    const eager = capture();
    const lazy = capture();
    const fields = { fn: 'trading/reconcile', requestId: 'r1' };
    for (const log of [eager.logger.child(fields), lazyChild(lazy.logger, fields)]) {
      log.debug('hidden');
      log.info('invocation', { statusCode: 200 });
      log.warn('slow', { token: 'abcd-secret' });
      log.child({ step: 2 }).error('failed', { code: 'X' });
    }
    expect(lazy.lines).toEqual(eager.lines);
    expect(lazy.lines.map((l) => l.msg)).toEqual(['invocation', 'slow', 'failed']);
  });

  it('builds_no_child_while_no_line_passes_the_level', () => {
    const { logger, built } = counting(capture('warn').logger);
    const log = lazyChild(logger, { fn: 'x' });
    log.debug('a');
    log.info('b');
    expect(log.enabled!('info')).toBe(false);
    expect(log.enabled!('error')).toBe(true);
    expect(built()).toBe(0);
    log.warn('c');
    log.error('d');
    expect(built()).toBe(1);
  });
});
