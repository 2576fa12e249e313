import type { RiskConfig } from '../../risk/risk-config.ts';
import type { TradingStatus } from '../../risk/trading-state.ts';
import { AppError } from '../../shared/errors.ts';
import { gatherRiskContext } from './risk-context.ts';
import { flattenPositions } from './flatten.ts';
import type { ExecuteConfig, ExecuteDeps, ExecuteReport } from './execute-entries.ts';

export type ControlAction =
  | { action: 'halt' | 'reduce' | 'resume'; by: string; why: string }
  | { action: 'flatten'; by: string; why: string }
  | { action: 'close'; symbol: string; by: string; why: string }
  | { action: 'reset_high_water'; by: string; why: string };

export interface ControlResult {
  action: string;
  state: TradingStatus;
  orders?: ExecuteReport;
}

/**
 * trading/control: an operator's action (halt new entries, reduce only, resume, flatten all, close one
 * symbol, acknowledge a drawdown), recorded in the audit log with who and why.
 */
export async function control(deps: ExecuteDeps, a: ControlAction, config: ExecuteConfig & { risk: RiskConfig }): Promise<ControlResult> {
  const now = deps.clock.now();
  if (!a.why.trim()) throw new AppError('BAD_REQUEST', 'Say why (the audit log keeps it)');
  await deps.trading.appendAudit([{ at: now, actor: `operator:${a.by}`, action: `control.${a.action}`, subject: 'symbol' in a ? a.symbol : 'trading', reason: a.why, data: {} }], null);
  if (a.action === 'halt' || a.action === 'reduce' || a.action === 'resume') {
    const { status } = await gatherRiskContext(deps, [], config.risk, null, { kind: a.action, by: a.by, note: a.why });
    if (a.action !== 'resume') await deps.notifier.notify({ kind: 'halt', title: `${status.state} by ${a.by}`, text: a.why, at: now });
    return { action: a.action, state: status };
  }
  if (a.action === 'reset_high_water') {
    const account = await deps.broker.getAccount();
    await deps.state.resetHighWater(account.equity, `operator:${a.by}`, now, null);
    const { status } = await gatherRiskContext(deps, [], config.risk, null);
    return { action: a.action, state: status };
  }
  const orders =
    a.action === 'close'
      ? await flattenPositions(deps, null, null, config, { exitReason: 'operator_close', message: `Operator ${a.by} closed ${a.symbol}: ${a.why}`, kind: 'operator' }, [a.symbol])
      : await flattenPositions(deps, null, null, config, { exitReason: 'operator_flatten', message: `Operator ${a.by} flattened: ${a.why}`, kind: 'operator' });
  const { status } = await deps.state.load();
  return { action: a.action, state: status, orders };
}
