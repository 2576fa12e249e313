import type { CheckRecord, Denial, GateResult, RiskDecision } from './decisions.ts';
import type { EntryScope, QuoteScope } from './entry-scope.ts';
import { ACCOUNT_GATES } from './gates-account.ts';
import { SYMBOL_GATES } from './gates-symbol.ts';
import { MARKET_GATES, quoteGate } from './gates-market.ts';
import { CAP_DENIAL, sizeEntry } from './size-caps.ts';
import { recordEntry } from './exposure-book.ts';
import { num, pct, usd } from './risk-format.ts';

const CAP_WORDS = {
  risk_per_trade: 'the risk per trade',
  position_size: 'the position size limit',
  gross_exposure: 'the gross exposure limit',
  buying_power: 'buying power',
  daily_loss_budget: "the rest of today's loss budget",
  drawdown_budget: 'the rest of the drawdown budget',
  volume_share: 'the share of average volume',
} as const;

/**
 * Runs every check on one entry in a fixed order and sizes it; the first refusal wins. An approval is
 * recorded in the book, so later intents of the batch see it.
 */
export function evaluateEntry(scope: EntryScope): RiskDecision {
  const { intent, ctx, book } = scope;
  const checks: CheckRecord[] = [];
  const run = (r: GateResult): Denial | null => {
    checks.push({ check: r.check, passed: r.pass, inputs: r.inputs });
    return r.pass ? null : { kind: 'entry', approved: false, intentId: intent.intentId, symbol: intent.symbol, reason: r.reason, message: r.message, inputs: r.inputs, checks };
  };
  const refuse = (r: GateResult & { pass: false }): Denial => run(r)!;
  for (const gate of ACCOUNT_GATES) {
    const denial = run(gate(scope));
    if (denial) return denial;
  }
  const asset = ctx.assets[intent.symbol];
  if (!asset) {
    return refuse({ pass: false, check: 'asset', reason: 'asset_unknown', message: `${intent.symbol} is not in the broker's asset list.`, inputs: { symbol: intent.symbol } });
  }
  const assetScope = { ...scope, asset };
  for (const gate of SYMBOL_GATES) {
    const denial = run(gate(assetScope));
    if (denial) return denial;
  }
  const quoted = quoteGate(assetScope);
  const quoteDenial = run(quoted);
  if (quoteDenial) return quoteDenial;
  if (!quoted.quote) throw new Error('quoteGate passed without a quote');
  const quoteScope: QuoteScope = { ...assetScope, market: ctx.markets[intent.symbol]!, quote: quoted.quote };
  for (const gate of MARKET_GATES) {
    const denial = run(gate(quoteScope));
    if (denial) return denial;
  }

  const sized = sizeEntry(quoteScope);
  const unit = asset.assetClass === 'crypto' ? intent.symbol : `${intent.symbol} shares`;
  const tooSmall = sized.qty <= 0 || sized.qty < asset.minOrderSize;
  const stopAboveZero = sized.stopPriceUsd > 0;
  if (tooSmall || !stopAboveZero) {
    const reason = !stopAboveZero ? 'invalid_intent' : sized.qty > 0 ? 'below_min_order_size' : CAP_DENIAL[sized.sizedBy];
    const message = !stopAboveZero
      ? `A stop ${usd(sized.stopDistanceUsd)} below ${usd(sized.entryPriceUsd)} would be at or below zero.`
      : sized.qty > 0
        ? `The size allowed, ${num(sized.qty)} ${unit}, is below the minimum order size of ${num(asset.minOrderSize)}.`
        : `${capitalise(CAP_WORDS[sized.sizedBy])} leaves less than one tradable unit of ${intent.symbol}.`;
    return refuse({ pass: false, check: 'sizing', reason, message, inputs: sized.inputs });
  }
  run({ pass: true, check: 'sizing', inputs: sized.inputs });
  recordEntry(book, {
    symbol: intent.symbol,
    newsId: intent.newsId,
    grossUsd: sized.notionalUsd,
    buyingPowerUsd: sized.buyingPowerUsd,
    riskUsd: sized.riskUsd,
    crypto: asset.assetClass === 'crypto',
  });
  const capped = sized.sizedBy === 'risk_per_trade' ? '' : `; size capped by ${CAP_WORDS[sized.sizedBy]}`;
  const riskPct = (sized.riskUsd / ctx.account.equity) * 100;
  return {
    kind: 'entry',
    approved: true,
    intentId: intent.intentId,
    symbol: intent.symbol,
    side: intent.side,
    orderSide: intent.side === 'long' ? 'buy' : 'sell',
    qty: sized.qty,
    entryPriceUsd: sized.entryPriceUsd,
    stopPriceUsd: sized.stopPriceUsd,
    stopDistanceUsd: sized.stopDistanceUsd,
    riskUsd: sized.riskUsd,
    notionalUsd: sized.notionalUsd,
    buyingPowerUsd: sized.buyingPowerUsd,
    sizedBy: sized.sizedBy,
    message: `Approved ${intent.side} ${num(sized.qty)} ${unit} near ${usd(sized.entryPriceUsd)}: ${usd(sized.riskUsd)} at risk (${pct(riskPct)} of equity) with the stop at ${usd(sized.stopPriceUsd)}${capped}.`,
    checks,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
