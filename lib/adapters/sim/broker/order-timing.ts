import type { EpochMs } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import type { AssetClass } from '../../../domain/market.ts';
import type { OrderStatus, TimeInForce } from '../../../domain/orders.ts';
import { isTradingDay } from '../../../domain/calendar/nyse-calendar.ts';
import { newYorkParts } from '../../../domain/calendar/new-york-time.ts';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { nextExtendedSession, nextRegularSession } from './session-cursor.ts';
import type { SimOrder } from './sim-state.ts';

/** When an order may fill, when it stops working, and the status it starts in. */
export type OrderTiming = Pick<SimOrder, 'activeFrom' | 'deadline' | 'session' | 'auction'> & { status: OrderStatus };

const OPG_CUTOFF = 9 * 60 + 28;
const EVENING = 19 * 60;

function ceilMinute(t: EpochMs): EpochMs {
  return Math.ceil(t / MINUTE_MS) * MINUTE_MS;
}

function queued(now: EpochMs, activeFrom: EpochMs): OrderStatus {
  return now < activeFrom ? 'accepted' : 'new';
}

/** Opening and closing auction orders, refused inside Alpaca's cut-off windows (9:28am-7pm for opg, 3:50pm-7pm for cls). */
function auctionTiming(tif: 'opg' | 'cls', now: EpochMs): Result<OrderTiming, string> {
  const parts = newYorkParts(now);
  const tradingToday = isTradingDay(parts.date);
  const s = nextRegularSession(now);
  if (tif === 'opg') {
    if (tradingToday && parts.minuteOfDay >= OPG_CUTOFF && parts.minuteOfDay < EVENING) {
      return fail('opg orders are not accepted between 9:28am and 7:00pm ET');
    }
    return ok({ activeFrom: s.open, deadline: s.open + MINUTE_MS, session: 'regular', auction: 'open', status: 'accepted' });
  }
  const sameDay = newYorkParts(s.close).date === parts.date;
  const refused = sameDay ? now >= s.close - 10 * MINUTE_MS : tradingToday && parts.minuteOfDay < EVENING;
  if (refused) return fail('cls orders are not accepted between 3:50pm (10 minutes before the close) and 7:00pm ET');
  const last = s.close - MINUTE_MS;
  return ok({ activeFrom: last, deadline: s.close, session: 'regular', auction: 'close', status: queued(now, last) });
}

/**
 * Timing of a new order submitted at `now`, as Alpaca schedules it: equities outside their session wait
 * for it (status `accepted`), day orders end at that session's close, ioc / fok get the first eligible
 * minute, opg / cls the opening / closing auction (refused inside Alpaca's cut-off windows). Crypto trades
 * around the clock.
 */
export function timingFor(
  input: { assetClass: AssetClass; timeInForce: TimeInForce; extendedHours: boolean },
  now: EpochMs,
): Result<OrderTiming, string> {
  const { timeInForce: tif } = input;
  if (input.assetClass === 'crypto') {
    const deadline = tif === 'ioc' || tif === 'fok' ? ceilMinute(now) + MINUTE_MS : null;
    return ok({ activeFrom: now, deadline, session: 'any', auction: null, status: 'new' });
  }
  if (tif === 'opg' || tif === 'cls') return auctionTiming(tif, now);
  if (input.extendedHours) {
    const e = nextExtendedSession(now);
    const activeFrom = Math.max(now, e.start);
    return ok({ activeFrom, deadline: tif === 'day' ? e.end : null, session: 'extended', auction: null, status: queued(now, activeFrom) });
  }
  const s = nextRegularSession(now);
  const activeFrom = Math.max(now, s.open);
  const status = queued(now, activeFrom);
  if (tif === 'ioc' || tif === 'fok') {
    return ok({ activeFrom, deadline: ceilMinute(activeFrom) + MINUTE_MS, session: 'regular', auction: null, status });
  }
  return ok({ activeFrom, deadline: tif === 'day' ? s.close : null, session: 'regular', auction: null, status });
}
