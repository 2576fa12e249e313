import type { EpochMs } from '../../../domain/time.ts';
import { calendarDay, nextTradingDay, type SessionPhase } from '../../../domain/calendar/nyse-calendar.ts';
import { newYorkParts } from '../../../domain/calendar/new-york-time.ts';

/** The phase of the US equity trading day at an instant, and until when that phase lasts. */
export interface PhaseWindow {
  phase: SessionPhase;
  from: EpochMs;
  until: EpochMs;
}

/** The phase window containing `t` (computed from the NYSE calendar). */
export function phaseWindowAt(t: EpochMs): PhaseWindow {
  const date = newYorkParts(t).date;
  const day = calendarDay(date);
  if (day && t >= day.sessionOpen && t < day.sessionClose) {
    if (t < day.open) return { phase: 'pre', from: day.sessionOpen, until: day.open };
    if (t < day.close) return { phase: 'regular', from: day.open, until: day.close };
    return { phase: 'post', from: day.close, until: day.sessionClose };
  }
  const next = day && t < day.sessionOpen ? day : nextTradingDay(date);
  const from = day && t >= day.sessionClose ? day.sessionClose : t;
  return { phase: 'closed', from, until: next.sessionOpen };
}

/**
 * Answers "which phase is bar time t in" for a stream of mostly increasing times without recomputing the
 * calendar per bar: the matching loop asks once per bar of a symbol that has working orders.
 */
export class SessionCursor {
  private window: PhaseWindow = { phase: 'closed', from: 0, until: 0 };

  /** The phase at `t`. */
  phaseAt(t: EpochMs): SessionPhase {
    const w = this.window;
    if (t >= w.from && t < w.until) return w.phase;
    this.window = phaseWindowAt(t);
    return this.window.phase;
  }
}

type RegularSession = { open: EpochMs; close: EpochMs; sessionClose: EpochMs };
// The answer holds for every instant from the one asked until that session's close, and callers move
// forward in time: one remembered answer saves the calendar arithmetic on almost every call.
let sessionMemo: { from: EpochMs; session: RegularSession } = { from: 1, session: { open: 0, close: 0, sessionClose: 0 } };

/** The regular session that has not closed yet at `t` (today's, or the next trading day's). */
export function nextRegularSession(t: EpochMs): RegularSession {
  if (t >= sessionMemo.from && t < sessionMemo.session.close) return sessionMemo.session;
  const date = newYorkParts(t).date;
  const day = calendarDay(date);
  const next = day && t < day.close ? day : nextTradingDay(date);
  const session = { open: next.open, close: next.close, sessionClose: next.sessionClose };
  sessionMemo = { from: t, session };
  return session;
}

/** The extended session (4:00-20:00 ET) containing or following `t`. */
export function nextExtendedSession(t: EpochMs): { start: EpochMs; end: EpochMs } {
  const date = newYorkParts(t).date;
  const day = calendarDay(date);
  if (day && t < day.sessionClose) return { start: day.sessionOpen, end: day.sessionClose };
  const next = nextTradingDay(date);
  return { start: next.sessionOpen, end: next.sessionClose };
}

/** Minutes since New York midnight at `t` (for Alpaca's opg / cls acceptance windows). */
export function newYorkMinuteOfDay(t: EpochMs): number {
  return newYorkParts(t).minuteOfDay;
}
