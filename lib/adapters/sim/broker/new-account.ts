import type { EpochMs } from '../../../domain/time.ts';
import { calendarDay, previousTradingDay } from '../../../domain/calendar/nyse-calendar.ts';
import { newYorkParts } from '../../../domain/calendar/new-york-time.ts';
import type { SimBrokerConfig } from './sim-broker-config.ts';
import type { AccountState } from './sim-state.ts';

/** The most recent regular-session close at or before `t`. */
export function lastCloseBefore(t: EpochMs): EpochMs {
  const date = newYorkParts(t).date;
  const today = calendarDay(date);
  return today && today.close <= t ? today.close : previousTradingDay(date).close;
}

/**
 * A fresh account opened at `now`: all cash, no history. Bars before `now` are never matched (the account
 * did not exist), and last_equity is the opening cash until the first close.
 */
export function newAccountState(config: SimBrokerConfig, now: EpochMs): AccountState {
  return {
    accountId: config.accountId,
    createdAt: now,
    processedUntil: now,
    seq: 0,
    cash: config.initialCash,
    realizedPl: 0,
    feesPaid: 0,
    lastEquity: config.initialCash,
    lastMaintenanceMargin: 0,
    lastCloseAt: lastCloseBefore(now),
    positions: {},
  };
}
