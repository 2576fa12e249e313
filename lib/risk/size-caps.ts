import type { QuoteScope } from './entry-scope.ts';
import { entryPriceOf } from './entry-scope.ts';
import type { CheckInputs, DenialReason, SizeCap } from './decisions.ts';
import { orderCostUsd } from './exposure-book.ts';
import { entryQtyStep, maxQtyWithin, riskBudgetUsd, stopDistanceFor } from './position-sizing.ts';

/** The size of an entry once every cap has had its say. */
export interface SizedEntry {
  qty: number;
  sizedBy: SizeCap;
  /** The largest quantity each cap allows, on the quantity step. */
  capsQty: Record<SizeCap, number>;
  entryPriceUsd: number;
  stopPriceUsd: number;
  stopDistanceUsd: number;
  riskUsd: number;
  notionalUsd: number;
  buyingPowerUsd: number;
  inputs: CheckInputs;
}

/** The reason an entry is refused when a cap leaves less than one tradable unit. */
export const CAP_DENIAL: Record<SizeCap, DenialReason> = {
  risk_per_trade: 'risk_budget_below_one_unit',
  position_size: 'position_size_limit_reached',
  gross_exposure: 'gross_exposure_limit_reached',
  buying_power: 'insufficient_buying_power',
  daily_loss_budget: 'daily_loss_budget_exhausted',
  drawdown_budget: 'drawdown_budget_exhausted',
  volume_share: 'volume_share_limit_reached',
};

// Order matters: on a tie the earlier cap is named, and risk per trade is the one a trader expects.
const CAP_ORDER: readonly SizeCap[] = ['risk_per_trade', 'position_size', 'gross_exposure', 'buying_power', 'daily_loss_budget', 'drawdown_budget', 'volume_share'];

/**
 * Sizes an entry: qty = floor(equity × riskPerTradePct / stop distance) on the quantity step, then cut to
 * what position size, gross exposure, buying power (after open-order holds), the rest of today's loss
 * budget, the rest of the drawdown budget and the share of volume allow, all net of the running book.
 */
export function sizeEntry(s: QuoteScope): SizedEntry {
  const { intent, ctx, config, readings, book, asset, market, quote } = s;
  const equityUsd = ctx.account.equity;
  const step = entryQtyStep(asset);
  const entryPriceUsd = entryPriceOf(intent, quote);
  const { stopDistanceUsd, source } = stopDistanceFor(intent.atrUsd, entryPriceUsd, config);
  const orderSide = intent.side === 'long' ? 'buy' : 'sell';
  const perUnit = orderCostUsd(orderSide, 1, entryPriceUsd, market);
  const crypto = asset.assetClass === 'crypto';
  const cashUsd = ctx.nonMarginableBuyingPowerUsd ?? Math.min(ctx.account.buyingPower, ctx.account.cash);
  const buyingPowerLeftUsd = Math.min(
    ctx.account.buyingPower - book.buyingPowerHeldUsd,
    crypto ? cashUsd - book.cashHeldUsd : Number.POSITIVE_INFINITY,
  );
  // What the book already stands to lose at its stops; a position or entry without a stop counts a whole trade.
  const committedRiskUsd = book.committedRiskUsd + book.unboundedRiskCount * riskBudgetUsd(equityUsd, config.riskPerTradePct);
  const budgets = {
    riskBudgetUsd: riskBudgetUsd(equityUsd, config.riskPerTradePct),
    committedRiskUsd,
    positionCapUsd: (equityUsd * config.maxPositionPct) / 100,
    grossLeftUsd: (equityUsd * config.maxGrossExposurePct) / 100 - book.grossUsd,
    buyingPowerLeftUsd,
    dailyLossLeftUsd: readings.dailyLossLimitUsd - readings.dailyLossUsd - committedRiskUsd,
    drawdownLeftUsd: readings.drawdownLimitUsd - readings.drawdownUsd - committedRiskUsd,
    volumeCapQty: (market.avgDailyVolume * config.maxShareOfAvgVolumePct) / 100,
  };
  const capsQty: Record<SizeCap, number> = {
    risk_per_trade: maxQtyWithin(budgets.riskBudgetUsd, stopDistanceUsd, step),
    position_size: maxQtyWithin(budgets.positionCapUsd, entryPriceUsd, step),
    gross_exposure: maxQtyWithin(budgets.grossLeftUsd, entryPriceUsd, step),
    buying_power: maxQtyWithin(budgets.buyingPowerLeftUsd, perUnit.buyingPowerUsd, step),
    daily_loss_budget: maxQtyWithin(budgets.dailyLossLeftUsd, stopDistanceUsd, step),
    drawdown_budget: maxQtyWithin(budgets.drawdownLeftUsd, stopDistanceUsd, step),
    volume_share: maxQtyWithin(budgets.volumeCapQty, 1, step),
  };
  let sizedBy: SizeCap = 'risk_per_trade';
  for (const cap of CAP_ORDER) if (capsQty[cap] < capsQty[sizedBy]) sizedBy = cap;
  const qty = capsQty[sizedBy];
  const cost = orderCostUsd(orderSide, qty, entryPriceUsd, market);
  const stopPriceUsd = intent.side === 'long' ? entryPriceUsd - stopDistanceUsd : entryPriceUsd + stopDistanceUsd;
  return {
    qty,
    sizedBy,
    capsQty,
    entryPriceUsd,
    stopPriceUsd,
    stopDistanceUsd,
    riskUsd: qty * stopDistanceUsd,
    notionalUsd: cost.grossUsd,
    buyingPowerUsd: cost.buyingPowerUsd,
    inputs: {
      equityUsd,
      entryPriceUsd,
      atrUsd: intent.atrUsd,
      stopAtrMultiple: config.stopAtrMultiple,
      stopDistanceUsd,
      stopSource: source,
      qtyStep: step,
      minOrderSize: asset.minOrderSize,
      ...budgets,
      ...Object.fromEntries(CAP_ORDER.map((cap) => [`maxQty_${cap}`, capsQty[cap]])),
      qty,
      sizedBy,
    },
  };
}
