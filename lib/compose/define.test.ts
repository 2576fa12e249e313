import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger.ts';
import type { Runtime } from './runtime.ts';
import { runtimeLogger } from './define.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info', base: { svc: 'root' }, sink: (l) => lines.push(JSON.parse(l) as Record<string, unknown>), now: () => 0 });
  return { lines, runtime: () => ({ logger }) as unknown as Runtime };
}

describe('runtimeLogger', () => {
  it('child_lines_carry_the_child_fields_after_the_base_and_before_the_lines_own', () => {
    const { lines, runtime } = capture();
    const log = runtimeLogger(runtime).child({ fn: 'trading/reconcile', requestId: 'r1', svc: 'child' }).child({ step: 1 });
    log.info('invocation', { statusCode: 200, step: 2 });
    expect(lines).toEqual([{ level: 'info', time: '1970-01-01T00:00:00.000Z', msg: 'invocation', svc: 'child', fn: 'trading/reconcile', requestId: 'r1', step: 2, statusCode: 200 }]);
  });

  it('keeps_the_runtime_level_for_child_lines', () => {
    const { lines, runtime } = capture();
    const log = runtimeLogger(runtime).child({ fn: 'x' });
    log.debug('hidden');
    log.warn('shown', { token: 'abcd-secret' });
    expect(lines.map((l) => [l.msg, l.fn, l.token])).toEqual([['shown', 'x', '[redacted]']]);
  });

  it('writes_at_info_when_the_runtime_cannot_be_built', () => {
    const log = runtimeLogger(() => {
      throw new Error('CONFIG_INVALID');
    }).child({ fn: 'y' });
    expect(() => log.debug('nothing to write')).not.toThrow();
  });
});
