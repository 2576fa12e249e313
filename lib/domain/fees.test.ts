import { describe, expect, it } from 'vitest';
import { ALPACA_FEES, equitySaleFees, tradeFees } from './fees.ts';

describe('fees of closed trades at Alpaca', () => {
  it('equity_sales_pay_the_sec_fee_and_finra_taf_rounded_up_to_the_cent', () => {
    // 1,000 shares at $50: SEC $50,000 x 27.80 / 1M = $1.39; TAF 1,000 x 0.000166 = $0.166 -> $0.17.
    expect(equitySaleFees(1_000, 50)).toBeCloseTo(1.39 + 0.17, 10);
    // The TAF is capped at $8.30 a trade: 100,000 shares would be $16.60.
    expect(equitySaleFees(100_000, 1)).toBeCloseTo(2.78 + 8.3, 10);
    expect(equitySaleFees(0, 50)).toBe(0);
  });

  it('a_long_pays_on_its_exit_a_short_on_its_entry_and_crypto_25_bps_a_side', () => {
    const t = { symbol: 'AAPL', entryPrice: 100, entryQty: 10, exitPrice: 110, exitQty: 10 };
    expect(tradeFees({ ...t, side: 'long' })).toBeCloseTo(equitySaleFees(10, 110), 10);
    expect(tradeFees({ ...t, side: 'short' })).toBeCloseTo(equitySaleFees(10, 100), 10);
    expect(tradeFees({ symbol: 'BTC/USD', side: 'long', entryPrice: 60_000, entryQty: 0.5, exitPrice: 62_000, exitQty: 0.5 })).toBeCloseTo((30_000 + 31_000) * 0.0025, 8);
    expect(ALPACA_FEES.cryptoBpsPerSide).toBe(25);
  });
});
