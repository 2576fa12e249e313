import { describe, expect, it } from 'vitest';
import { renderPrometheus } from './prometheus.ts';

describe('renderPrometheus', () => {
  it('renders_help_type_labels_and_skips_missing_values', () => {
    const text = renderPrometheus([
      { name: 'catalyst_equity_usd', help: 'Account equity', type: 'gauge', value: 100123.5 },
      { name: 'catalyst_trading_state', help: 'Trading state (1 for the current one)', type: 'gauge', value: 1, labels: { state: 'ACTIVE' } },
      { name: 'catalyst_trading_state', help: 'Trading state (1 for the current one)', type: 'gauge', value: 0, labels: { state: 'HALTED' } },
      { name: 'catalyst_last_ok_cycle_timestamp_seconds', help: 'x', type: 'gauge', value: null },
    ]);
    expect(text).toBe(
      [
        '# HELP catalyst_equity_usd Account equity',
        '# TYPE catalyst_equity_usd gauge',
        'catalyst_equity_usd 100123.5',
        '# HELP catalyst_trading_state Trading state (1 for the current one)',
        '# TYPE catalyst_trading_state gauge',
        'catalyst_trading_state{state="ACTIVE"} 1',
        'catalyst_trading_state{state="HALTED"} 0',
        '',
      ].join('\n'),
    );
  });
});
