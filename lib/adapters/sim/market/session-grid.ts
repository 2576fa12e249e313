import type { EpochMs, IsoDate } from '../../../domain/time.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import { calendarDay } from '../../../domain/calendar/nyse-calendar.ts';
import { addDays, newYorkTime } from '../../../domain/calendar/new-york-time.ts';

/**
 * The one-minute bar slots of one New York date: equities from 4:00 to 20:00 (17:00 on early-close days)
 * with the regular session inside; crypto from midnight to midnight (23 or 25 hours on DST changes).
 * Slot i starts at `start + i` minutes; path point j is the price at `start + j` minutes.
 */
export interface SessionGrid {
  date: IsoDate;
  kind: 'equity' | 'crypto';
  start: EpochMs;
  /** Number of one-minute slots. */
  minutes: number;
  /** Slots [regularFrom, regularTo) are the regular session (all of them for crypto). */
  regularFrom: number;
  regularTo: number;
  /** Volume share of each slot, relative to one regular session of 390 minutes. */
  volumeShare: Float64Array;
  /** Relative volatility of each slot (mean square 1 over the regular session). */
  volatility: Float64Array;
}

const cache = new Map<string, SessionGrid | null>();

function regularWeights(n: number): { volume: Float64Array; volatility: Float64Array } {
  const volume = new Float64Array(n);
  const volatility = new Float64Array(n);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const fromOpen = i;
    const toClose = n - 1 - i;
    // The opening cross prints in the first minute; activity then decays, and builds again into the close.
    volume[i] = 1 + (i === 0 ? 12 : 0) + 2.5 * Math.exp(-fromOpen / 12) + 0.6 * Math.exp(-fromOpen / 60) + 2.4 * Math.exp(-toClose / 10) + 0.6 * Math.exp(-toClose / 45);
    volatility[i] = 0.75 + 1.1 * Math.exp(-fromOpen / 20) + 0.35 * Math.exp(-toClose / 15);
    squares += volatility[i]! * volatility[i]!;
  }
  const norm = Math.sqrt(n / squares);
  for (let i = 0; i < n; i++) volatility[i]! *= norm;
  return { volume, volatility };
}

function equityGrid(date: IsoDate): SessionGrid | null {
  const day = calendarDay(date);
  if (!day) return null;
  const minutes = (day.sessionClose - day.sessionOpen) / MINUTE_MS;
  const regularFrom = (day.open - day.sessionOpen) / MINUTE_MS;
  const regularTo = (day.close - day.sessionOpen) / MINUTE_MS;
  const n = regularTo - regularFrom;
  const regular = regularWeights(n);
  const volumeShare = new Float64Array(minutes);
  const volatility = new Float64Array(minutes);
  // Regular-session volume of a full day is 1; an early close trades proportionally less.
  const full = regularWeights(390).volume.reduce((s, v) => s + v, 0);
  for (let i = 0; i < n; i++) {
    volumeShare[regularFrom + i] = regular.volume[i]! / full;
    volatility[regularFrom + i] = regular.volatility[i]!;
  }
  // Pre-market (about 5 % of a day's volume) builds toward the open; after-hours (3 %) fades after the close.
  let pre = 0;
  for (let i = 0; i < regularFrom; i++) pre += volumeShare[i] = Math.exp((i - regularFrom) / 70);
  for (let i = 0; i < regularFrom; i++) {
    volumeShare[i] = (0.05 * volumeShare[i]!) / pre;
    volatility[i] = 0.35;
  }
  let post = 0;
  for (let i = regularTo; i < minutes; i++) post += volumeShare[i] = Math.exp(-(i - regularTo) / 40) + 0.05;
  for (let i = regularTo; i < minutes; i++) {
    volumeShare[i] = (0.03 * volumeShare[i]!) / post;
    volatility[i] = 0.3;
  }
  return { date, kind: 'equity', start: day.sessionOpen, minutes, regularFrom, regularTo, volumeShare, volatility };
}

function cryptoGrid(date: IsoDate): SessionGrid {
  const start = newYorkTime(date, '00:00');
  const minutes = (newYorkTime(addDays(date, 1), '00:00') - start) / MINUTE_MS;
  const volumeShare = new Float64Array(minutes);
  const volatility = new Float64Array(minutes);
  let sum = 0;
  for (let i = 0; i < minutes; i++) {
    // Crypto trades all day, busiest while both Europe and the US are awake (around 15:00 UTC).
    const hourUtc = (((start + i * MINUTE_MS) / 3_600_000) % 24 + 24) % 24;
    sum += volumeShare[i] = 1 + 0.35 * Math.cos((2 * Math.PI * (hourUtc - 15)) / 24);
    volatility[i] = Math.sqrt(390 / minutes);
  }
  for (let i = 0; i < minutes; i++) volumeShare[i] = volumeShare[i]! / sum;
  return { date, kind: 'crypto', start, minutes, regularFrom: 0, regularTo: minutes, volumeShare, volatility };
}

/** The bar slots of `date` for equities (null on weekends and holidays) or crypto (every day). */
export function sessionGrid(date: IsoDate, kind: 'equity' | 'crypto'): SessionGrid | null {
  const key = `${kind}:${date}`;
  if (cache.has(key)) return cache.get(key)!;
  const grid = kind === 'equity' ? equityGrid(date) : cryptoGrid(date);
  if (cache.size > 4000) cache.clear();
  cache.set(key, grid);
  return grid;
}
