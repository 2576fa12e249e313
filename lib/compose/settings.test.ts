import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import { DEFAULT_RISK_CONFIG } from '../risk/risk-config.ts';
import { riskConfig, scannerConfig } from './settings.ts';

describe('riskConfig', () => {
  it('deploys_the_documented_minimum_price_and_dollar_volume_whatever_the_scanner_floors', () => {
    const env = loadConfig({ SCANNER_MIN_PRICE: '1', SCANNER_MIN_DOLLAR_VOLUME: '1000000' });
    expect(scannerConfig(env)).toMatchObject({ minPrice: 1, minAvgDollarVolume: 1_000_000 });
    expect(riskConfig(env)).toMatchObject({ minPriceUsd: 5, minAvgDollarVolumeUsd: 5_000_000 });
    expect(riskConfig(env)).toMatchObject({ minPriceUsd: DEFAULT_RISK_CONFIG.minPriceUsd, minAvgDollarVolumeUsd: DEFAULT_RISK_CONFIG.minAvgDollarVolumeUsd });
  });
});
