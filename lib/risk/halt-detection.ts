import type { EpochMs } from '../domain/time.ts';
import type { Asset } from '../domain/market.ts';
import type { SessionInfo } from './risk-context.ts';

export interface HaltInputs {
  asset: Pick<Asset, 'assetClass' | 'tradable'>;
  /** When the symbol last traded, as the market data reports it; null when no trade is reported. */
  lastTradeAt: EpochMs | null;
  now: EpochMs;
  session: SessionInfo;
  /** A liquid equity that has not traded for this long in the open session is treated as halted. */
  noTradeMinutes: number;
  /**
   * Whether the trade feed is live: some other equity printed within the window. A replay of daily bars
   * (or a feed that stopped as a whole) has no intraday prints, and silence then says nothing about a halt.
   */
  tradesAreLive: boolean;
}

/**
 * Why an equity counts as halted, or null. Alpaca's REST API has no halt flag (trading statuses come only on
 * the WebSocket stream), so the gate reads what REST gives: the asset no longer tradable, or no trade for
 * `noTradeMinutes` while the regular session has been open at least that long (a halt or LULD pause
 * stops prints; the symbols the gate admits trade every few seconds), judged only when the feed is live.
 * Crypto never halts this way.
 */
export function haltedBecause(i: HaltInputs): string | null {
  if (i.asset.assetClass === 'crypto') return null;
  if (!i.asset.tradable) return 'Alpaca lists it as not tradable (halted or suspended)';
  const { phase, regularOpenAt } = i.session;
  const windowMs = i.noTradeMinutes * 60_000;
  if (!i.tradesAreLive || phase !== 'regular' || regularOpenAt === undefined || regularOpenAt === null || i.now - regularOpenAt < windowMs) return null;
  if (i.lastTradeAt === null) return 'no trade reported while the market is open (a trading halt or LULD pause)';
  const silentMs = i.now - i.lastTradeAt;
  if (silentMs < windowMs) return null;
  return `no trade for ${Math.floor(silentMs / 60_000)} minutes while the market is open (a trading halt or LULD pause)`;
}
