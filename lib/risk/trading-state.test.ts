import { describe, expect, it } from 'vitest';
import { allowsEntries, initialTradingStatus, nextSessionOpenAfter, nextTradingStatus, type TradingStatus } from './trading-state.ts';
import { riskReadings } from './risk-readings.ts';
import { DEFAULT_RISK_CONFIG } from './risk-config.ts';
import { account } from './risk-fixtures.test-support.ts';

// Wednesday before Thanksgiving 2026, 11:00 New York; the next session is Friday 27th (Thursday is closed).
const WED = Date.parse('2026-11-25T16:00:00Z');
const FRIDAY_OPEN = Date.parse('2026-11-27T14:30:00Z');
const readings = (over: { realizedPnlTodayUsd?: number; equity?: number; hwm?: number } = {}) =>
  riskReadings(
    { account: account({ equity: over.equity ?? 100_000 }), positions: [], realizedPnlTodayUsd: over.realizedPnlTodayUsd ?? 0, equityHighWaterMarkUsd: over.hwm ?? 100_000 },
    DEFAULT_RISK_CONFIG,
  );
const active = initialTradingStatus(WED - 3_600_000);

describe('trading state', () => {
  it('stays_active_when_no_limit_is_reached', () => {
    const step = nextTradingStatus(active, { now: WED, readings: readings({ realizedPnlTodayUsd: -500 }) });
    expect(step).toEqual({ status: active, transitions: [] });
  });

  it('halts_until_the_next_session_when_the_daily_loss_limit_is_reached', () => {
    const step = nextTradingStatus(active, { now: WED, readings: readings({ realizedPnlTodayUsd: -2_000 }) });
    expect(step.status).toMatchObject({ state: 'HALTED', cause: 'daily_loss_limit', since: WED, until: FRIDAY_OPEN });
    expect(step.status.inputs).toMatchObject({ dailyLossUsd: 2_000, dailyLossLimitUsd: 2_000 });
    expect(step.status.message).toContain('next session');
    expect(nextSessionOpenAfter(WED)).toBe(FRIDAY_OPEN);
  });

  it('lifts_the_daily_loss_halt_at_the_next_session_open', () => {
    const halted = nextTradingStatus(active, { now: WED, readings: readings({ realizedPnlTodayUsd: -2_500 }) }).status;
    const stillHalted = nextTradingStatus(halted, { now: FRIDAY_OPEN - 1, readings: readings() });
    expect(stillHalted.status).toBe(halted);
    const lifted = nextTradingStatus(halted, { now: FRIDAY_OPEN, readings: readings() });
    expect(lifted.status).toMatchObject({ state: 'ACTIVE', cause: 'halt_expired', until: null });
  });

  it('moves_to_reducing_on_drawdown_but_never_to_halted', () => {
    const step = nextTradingStatus(active, { now: WED, readings: readings({ equity: 90_000, hwm: 100_000 }) });
    expect(step.status).toMatchObject({ state: 'REDUCING', cause: 'drawdown_limit', until: null });
    const again = nextTradingStatus(step.status, { now: WED + 60_000, readings: readings({ equity: 80_000, hwm: 100_000 }) });
    expect(again.status.state).toBe('REDUCING');
    expect(again.transitions).toEqual([]);
  });

  it('keeps_an_operator_halt_when_the_daily_loss_limit_is_reached', () => {
    const halted = nextTradingStatus(active, { now: WED, readings: readings(), command: { kind: 'halt', by: 'ops', note: 'news outage' } }).status;
    expect(halted).toMatchObject({ state: 'HALTED', cause: 'operator_halt', until: null, inputs: { by: 'ops', note: 'news outage' } });
    const step = nextTradingStatus(halted, { now: WED + 60_000, readings: readings({ realizedPnlTodayUsd: -3_000 }) });
    expect(step.status).toBe(halted);
  });

  it('applies_operator_reduce_and_resume', () => {
    const reducing = nextTradingStatus(active, { now: WED, readings: readings(), command: { kind: 'reduce', by: 'ops' } }).status;
    expect(reducing).toMatchObject({ state: 'REDUCING', cause: 'operator_reduce' });
    const resumed = nextTradingStatus(reducing, { now: WED + 1, readings: readings(), command: { kind: 'resume', by: 'ops' } }).status;
    expect(resumed).toMatchObject({ state: 'ACTIVE', cause: 'operator_resume' });
  });

  it('follows_a_resume_with_the_limit_state_while_the_limit_is_still_breached', () => {
    const halted = nextTradingStatus(active, { now: WED, readings: readings({ realizedPnlTodayUsd: -2_000 }) }).status;
    const step = nextTradingStatus(halted, { now: WED + 60_000, readings: readings({ realizedPnlTodayUsd: -2_000 }), command: { kind: 'resume', by: 'ops' } });
    expect(step.transitions.map((t) => `${t.state}:${t.cause}`)).toEqual(['ACTIVE:operator_resume', 'HALTED:daily_loss_limit']);
    expect(step.status.until).toBe(FRIDAY_OPEN);
  });

  it('allows_entries_only_when_active', () => {
    const states: TradingStatus['state'][] = ['ACTIVE', 'REDUCING', 'HALTED'];
    expect(states.map(allowsEntries)).toEqual([true, false, false]);
  });
});
