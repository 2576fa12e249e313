import type { EpochMs } from '../domain/time.ts';
import { nextTradingDay } from '../domain/calendar/nyse-calendar.ts';
import { newYorkDate } from '../domain/calendar/new-york-time.ts';
import type { CheckInputs } from './decisions.ts';
import type { RiskReadings } from './risk-readings.ts';
import { dailyLossLimitReached, drawdownLimitReached } from './risk-readings.ts';
import { pct, usd } from './risk-format.ts';

/**
 * NautilusTrader's trading states. ACTIVE: entries and exits. REDUCING: exits and reductions only.
 * HALTED: no entries; exits stay allowed, because an unattended system must still be able to get flat.
 */
export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

/** What put the system in its state. */
export type TradingStateCause =
  | 'initial'
  | 'operator_halt'
  | 'operator_reduce'
  | 'operator_resume'
  | 'daily_loss_limit'
  | 'drawdown_limit'
  | 'halt_expired';

/** The trading state with why, since when, until when, and the figures that decided it (stored as history). */
export interface TradingStatus {
  state: TradingState;
  cause: TradingStateCause;
  message: string;
  since: EpochMs;
  /** When the state lifts by itself (a daily-loss halt: the next session's open); null until a person acts. */
  until: EpochMs | null;
  inputs: CheckInputs;
}

/** A person's instruction from the control function. */
export interface OperatorCommand {
  kind: 'halt' | 'reduce' | 'resume';
  /** Who asked (operator name or key label), kept in the history. */
  by: string;
  note?: string;
}

export interface TradingStateStep {
  status: TradingStatus;
  /** Every state entered during this step, in order (empty when nothing changed). */
  transitions: TradingStatus[];
}

/** The state a fresh system starts in. */
export function initialTradingStatus(now: EpochMs): TradingStatus {
  return { state: 'ACTIVE', cause: 'initial', message: 'Trading starts active.', since: now, until: null, inputs: {} };
}

/** Whether new positions may be opened in this state. */
export function allowsEntries(state: TradingState): boolean {
  return state === 'ACTIVE';
}

/** The instant a daily-loss halt lifts: the open of the first session after today (New York date). */
export function nextSessionOpenAfter(now: EpochMs): EpochMs {
  return nextTradingDay(newYorkDate(now)).open;
}

/**
 * One step of the state machine, run on every tick and on every operator command: apply the command,
 * lift an expired halt, then let the limits act. The daily loss limit halts until the next session (an
 * operator halt, which needs a person, is kept); the drawdown limit only moves ACTIVE to REDUCING. A resume
 * while a limit is still breached is recorded and immediately followed by the limit's state again.
 */
export function nextTradingStatus(current: TradingStatus, input: { now: EpochMs; readings: RiskReadings; command?: OperatorCommand }): TradingStateStep {
  const { now, readings, command } = input;
  const transitions: TradingStatus[] = [];
  let status = current;
  const enter = (next: TradingStatus) => {
    status = next;
    transitions.push(next);
  };
  if (command) enter(fromCommand(command, now));
  if (status.until !== null && now >= status.until) {
    enter({ state: 'ACTIVE', cause: 'halt_expired', message: `The ${status.cause.replace(/_/g, ' ')} halt has expired; trading is active again.`, since: now, until: null, inputs: { expiredCause: status.cause, until: status.until } });
  }
  const limitInputs = {
    dailyLossUsd: readings.dailyLossUsd,
    dailyLossLimitUsd: readings.dailyLossLimitUsd,
    drawdownUsd: readings.drawdownUsd,
    drawdownPct: readings.drawdownPct,
    drawdownLimitUsd: readings.drawdownLimitUsd,
    equityUsd: readings.equityUsd,
    highWaterMarkUsd: readings.highWaterMarkUsd,
  };
  if (dailyLossLimitReached(readings)) {
    if (status.state !== 'HALTED') {
      const until = nextSessionOpenAfter(now);
      enter({
        state: 'HALTED',
        cause: 'daily_loss_limit',
        message: `Today's loss of ${usd(readings.dailyLossUsd)} reached the daily limit of ${usd(readings.dailyLossLimitUsd)}; no new entries until the next session opens.`,
        since: now,
        until,
        inputs: { ...limitInputs, until },
      });
    }
  } else if (drawdownLimitReached(readings) && status.state === 'ACTIVE') {
    enter({
      state: 'REDUCING',
      cause: 'drawdown_limit',
      message: `Equity is ${pct(readings.drawdownPct)} below its high-water mark of ${usd(readings.highWaterMarkUsd)} (limit ${usd(readings.drawdownLimitUsd)}); exits and reductions only until an operator resumes.`,
      since: now,
      until: null,
      inputs: limitInputs,
    });
  }
  return { status, transitions };
}

function fromCommand(command: OperatorCommand, now: EpochMs): TradingStatus {
  const inputs: CheckInputs = { by: command.by, note: command.note ?? null };
  const note = command.note ? ` (${command.note})` : '';
  switch (command.kind) {
    case 'halt':
      return { state: 'HALTED', cause: 'operator_halt', message: `Halted by ${command.by}${note}: no new entries until an operator resumes.`, since: now, until: null, inputs };
    case 'reduce':
      return { state: 'REDUCING', cause: 'operator_reduce', message: `Set to reducing by ${command.by}${note}: exits and reductions only.`, since: now, until: null, inputs };
    case 'resume':
      return { state: 'ACTIVE', cause: 'operator_resume', message: `Resumed by ${command.by}${note}.`, since: now, until: null, inputs };
  }
}
