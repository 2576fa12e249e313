import type { Random } from '../../../shared/random.ts';
import { MINUTE_MS } from '../../../domain/time.ts';
import type { AssetProfile } from './market-types.ts';
import type { SessionGrid } from './session-grid.ts';
import type { DailyStep } from './daily-path.ts';
import type { EventStream } from './event-stream.ts';
import { fillPath } from './paths.ts';
import { addEventLevels, applyVolatilitySurge, applyVolumeSurge, eventsAffectingVolume } from './event-levels.ts';

/**
 * The one-minute bars of one symbol on one New York date, column by column (about 40 bytes a bar).
 * Prices are integers of 1/scale USD; rows are in time order.
 */
export interface SymbolDay {
  symbolIndex: number;
  count: number;
  start: Float64Array;
  /** o, h, l, c, vw of row i at [5i .. 5i+4]. */
  px: Int32Array;
  volume: Float64Array;
  trades: Uint32Array;
  scale: number;
  /** Rows [regularFrom, regularTo) are the regular session. */
  regularFrom: number;
  regularTo: number;
}

export interface SymbolDayInput {
  rng: Random;
  profile: AssetProfile;
  symbolIndex: number;
  grid: SessionGrid;
  /** The symbol's idiosyncratic daily step (log levels relative to the start). */
  step: DailyStep;
  /** The shared factor's log level at every path point of the grid (macro news included). */
  factor: Float64Array;
  news: EventStream;
  /**
   * 'regular' generates only the regular session's rows (the same values as the whole day's): the random
   * stream is stepped over the extended hours without computing them. Default 'day'.
   */
  part?: 'day' | 'regular';
}

const MAX = 1501;
const x = new Float64Array(MAX + 1);
const sd = new Float64Array(MAX + 1);
const scratch = new Float64Array(MAX + 1);
const surge = new Float64Array(MAX);
const out = { start: new Float64Array(MAX), px: new Int32Array(5 * MAX), volume: new Float64Array(MAX), trades: new Uint32Array(MAX) };

/**
 * A bar's wick and volume-noise uniforms are 16-bit (k / 65,536 and (k + 0.5) / 65,536), so the logs and exps
 * of them take 65,536 values each: looked up from tables filled once with the very same expressions (the same
 * doubles, bit for bit), where they were three of a bar's six transcendental calls.
 */
interface UniformTables {
  /** Math.log(1 - k / 65_536): an exponential wick length. */
  logOneMinus: Float64Array;
  /** The volume noise of uniform (k + 0.5) / 65_536. */
  volumeNoise: Float64Array;
}

let tables: UniformTables | null = null;

function uniformTables(): UniformTables {
  if (tables) return tables;
  const logOneMinus = new Float64Array(65_536);
  const volumeNoise = new Float64Array(65_536);
  for (let k = 0; k < 65_536; k++) {
    const u = k / 65_536;
    logOneMinus[k] = Math.log(1 - u);
    const uv = (k + 0.5) / 65_536;
    // Volume noise: exp(0.5 z - 0.125) with z a unit-variance logistic variate (lognormal-like, and one
    // log instead of a normal pair; Math.pow was the hot spot of the whole generator).
    volumeNoise[k] = Math.exp(0.5 * 0.5513 * Math.log(uv / (1 - uv)) - 0.125);
  }
  return (tables = { logOneMinus, volumeNoise });
}

/** Generates one symbol-day. Deterministic for its inputs; reuses module buffers, so it is not re-entrant. */
export function generateSymbolDay(input: SymbolDayInput): SymbolDay {
  const { rng, profile, grid, step, factor } = input;
  const n = grid.minutes;
  const { regularFrom: r0, regularTo: r1 } = grid;
  const crypto = grid.kind === 'crypto';
  const regularOnly = input.part === 'regular';
  const minuteSigma = step.sigma / Math.sqrt(390);
  const events = eventsAffectingVolume(grid, input.news);
  for (let j = 0; j < n; j++) sd[j] = minuteSigma * grid.volatility[j]!;
  applyVolatilitySurge(sd, grid, events);

  // Idiosyncratic path: part of the overnight gap is priced at the first pre-market trade, the rest by the open.
  // The regular session's path starts and ends at the step's open and close: the extended hours only
  // advance the random stream before it.
  if (!crypto && regularOnly) rng.skipNormals(r0);
  else if (!crypto) fillPath(rng, x, sd, 0, r0, step.prevClose + 0.5 * (step.open - step.prevClose), step.open, false, scratch);
  fillPath(rng, x, sd, r0, r1, step.open, step.close, true, scratch);
  if (!crypto && regularOnly) rng.skipNormals(n - r1);
  else if (!crypto) fillPath(rng, x, sd, r1, n, step.close, null, false, scratch);
  const base = Math.log(profile.basePrice);
  const beta = profile.beta;
  // Path points [i0, i1] price slots [i0, i1): a regular-only day needs nothing outside them.
  const [i0, i1] = regularOnly ? [r0, r1] : [0, n];
  for (let j = i0; j <= i1; j++) x[j] = base + beta * factor[j]! + x[j]!;
  addEventLevels(x, grid, input.news, i0, i1);
  applyVolumeSurge(surge, grid, events, i0, i1);

  const scale = profile.priceScale;
  const centsOnly = !crypto;
  const round = (price: number) => (centsOnly && price >= 1 ? Math.round(price * 100) * (scale / 100) : Math.round(price * scale));
  const tickOf = (units: number) => (centsOnly && units >= scale ? scale / 100 : 1);
  const dayVolume = profile.averageDailyVolume * step.volumeFactor;
  const volumeUnit = crypto ? 1e-4 : 1;
  const lot = profile.averageTradeSize;
  let count = 0;
  let regularFrom = -1;
  let regularTo = -1;
  // Two draws per slot, whether or not it has a bar; a regular-only day steps over the pre-market's.
  for (let i = 0; i < i0; i++) {
    rng.next();
    rng.next();
  }
  const { logOneMinus, volumeNoise } = uniformTables();
  // A bar opens at the previous slot's close, priced lazily: most extended-hours slots have no bar.
  let open = 0;
  let openAt = -1;
  for (let i = i0; i < i1; i++) {
    const stepSd = Math.sqrt(sd[i]! * sd[i]! + beta * beta * minuteSigma * minuteSigma * 0.5);
    // Two 32-bit draws per bar, each split into two 16-bit uniforms: wicks, volume noise, trade count and
    // presence do not need more resolution, and the draws are the bulk of the generation cost.
    // d1 and d2 are 32-bit draws times 2^16: their whole and fractional parts are exact 16-bit integers over 2^16.
    const d1 = rng.next() * 65_536;
    const d2 = rng.next() * 65_536;
    const kh = Math.floor(d1); // uh = kh / 65_536
    const kl = (d1 - kh) * 65_536; // ul = kl / 65_536
    const kv = Math.floor(d2); // uv = (kv + 0.5) / 65_536
    let un = d2 - kv;
    const regular = i >= r0 && i < r1;
    const move = Math.abs(x[i + 1]! - x[i]!) / (stepSd || 1);
    let expected = dayVolume * grid.volumeShare[i]! * surge[i]! * (0.55 + 0.45 * Math.min(move, 4));
    let present = true;
    if (!regular && !crypto) {
      // Thin extended hours: a minute with no trade has no bar, as at Alpaca.
      const rate = expected / (3 * lot);
      // p = 1 - exp(-rate) is below rate + 1e-15 (1 - e^-x < x, and exp's error is under an ulp): a uniform
      // at or above that has no bar, whatever p rounds to, so most empty minutes skip the exp.
      if (un >= rate + 1e-15) continue;
      const p = 1 - Math.exp(-rate);
      present = un < p;
      // Given that the minute traded, un / p is again uniform: reuse it for the trade count.
      un = un / Math.max(p, 1e-9);
      expected = expected / Math.max(p, 1e-9);
    }
    if (present) {
      if (openAt !== i) open = round(Math.exp(x[i]!));
      const close = round(Math.exp(x[i + 1]!));
      const noise = volumeNoise[kv]!;
      const v = Math.max(volumeUnit, Math.round((expected * noise) / volumeUnit) * volumeUnit);
      const hi = Math.max(open, close);
      const lo = Math.min(open, close);
      const hTick = tickOf(hi);
      const lTick = tickOf(lo);
      // Wicks of exponential length, as a fraction of the price (1 + x rather than exp(x): cheaper, and a
      // wick has no exact shape to keep).
      const high = Math.ceil((hi * (1 - 0.6 * stepSd * logOneMinus[kh]!)) / hTick) * hTick;
      const low = Math.max(lTick, Math.floor((lo * (1 + 0.6 * stepSd * logOneMinus[kl]!)) / lTick) * lTick);
      const row = count++;
      if (regular && regularFrom < 0) regularFrom = row;
      if (regular) regularTo = row + 1;
      out.start[row] = grid.start + i * MINUTE_MS;
      const p = 5 * row;
      out.px[p] = open;
      out.px[p + 1] = high;
      out.px[p + 2] = low;
      out.px[p + 3] = close;
      out.px[p + 4] = Math.round((open + high + low + close) / 4);
      out.volume[row] = crypto ? Math.round(v * 1e4) / 1e4 : v;
      out.trades[row] = Math.max(1, Math.round((v / lot) * (0.7 + 0.6 * un)));
      open = close;
      openAt = i + 1;
    }
  }
  return {
    symbolIndex: input.symbolIndex,
    count,
    start: out.start.slice(0, count),
    px: out.px.slice(0, 5 * count),
    volume: out.volume.slice(0, count),
    trades: out.trades.slice(0, count),
    scale,
    regularFrom: regularFrom < 0 ? count : regularFrom,
    regularTo: regularTo < 0 ? count : regularTo,
  };
}
