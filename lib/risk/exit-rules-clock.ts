import type { EpochMs } from '../domain/time.ts';
import type { CalendarDay } from '../domain/market.ts';
import { calendarDay } from '../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkDate } from '../domain/calendar/new-york-time.ts';
import type { CalendarLookup, ExitAction, ExitRuleInput } from './exit-rules-types.ts';
import { exitAll } from './exit-rules-types.ts';
import type { ExitRulesConfig } from './exit-rules-config.ts';
import { minutesBetween } from './risk-format.ts';

/** Closes a trade that has been open maxHoldMinutes or longer. */
export function timeExitRule(input: ExitRuleInput, config: ExitRulesConfig): ExitAction | null {
  const { plan, now } = input;
  const heldMinutes = minutesBetween(plan.enteredAt, now);
  if (now - plan.enteredAt < config.maxHoldMinutes * 60_000) return null;
  return exitAll(plan, 'time_exit', `${plan.symbol} has been held ${heldMinutes} minutes (limit ${config.maxHoldMinutes}).`, { enteredAt: plan.enteredAt, heldMinutes, maxHoldMinutes: config.maxHoldMinutes });
}

/**
 * The instant an equity position entered at `enteredAt` must be flat: flattenBeforeCloseMinutes before
 * the regular close of its session (13:00 ET on early-close days). A position entered after that point of
 * its day (after hours, say) belongs to the next session. Null when no session is found within two weeks.
 */
export function flattenDeadline(enteredAt: EpochMs, flattenBeforeCloseMinutes: number, calendar: CalendarLookup = calendarDay): EpochMs | null {
  let date = newYorkDate(enteredAt);
  for (let i = 0; i < 14; i++, date = addDays(date, 1)) {
    const day: CalendarDay | null = calendar(date);
    if (!day) continue;
    const deadline = day.close - flattenBeforeCloseMinutes * 60_000;
    if (enteredAt < deadline) return deadline;
  }
  return null;
}

/**
 * Flattens equity positions before the close of the session they were opened in, so none is held
 * overnight (one held past its deadline, say after a failed exit, is flattened at the first chance).
 * Crypto trades around the clock and has no close, so the rule does not apply to it.
 */
export function flattenBeforeCloseRule(input: ExitRuleInput, config: ExitRulesConfig): ExitAction | null {
  const { plan, now } = input;
  if (plan.assetClass === 'crypto') return null;
  const deadline = flattenDeadline(plan.enteredAt, config.flattenBeforeCloseMinutes, input.calendar);
  if (deadline === null || now < deadline) return null;
  const closeAt = deadline + config.flattenBeforeCloseMinutes * 60_000;
  const minutesToClose = minutesBetween(now, closeAt);
  const when = minutesToClose > 0 ? `the close is in ${minutesToClose} minutes` : 'its session has closed';
  return exitAll(plan, 'flatten_before_close', `Flatten ${plan.symbol}: ${when} (flatten ${config.flattenBeforeCloseMinutes} minutes before the close).`, {
    enteredAt: plan.enteredAt,
    flattenAt: deadline,
    regularCloseAt: closeAt,
    flattenBeforeCloseMinutes: config.flattenBeforeCloseMinutes,
  });
}
