import { describe, expect, it } from 'vitest';
import type { ScanInputs } from '../scan/scan-inputs.ts';
import { sharedScanInputs } from './shared-scan-inputs.ts';

const inputsAt = (at: number, symbol = 'ACME'): ScanInputs => ({
  universe: 3,
  inputs: [{ symbol, shortable: true, news: [{ itemId: 1, storyId: 1, headline: `news at ${at}`, publishedAt: at - 60_000, sentimentScore: 0.5, catalystType: 'earnings', catalystWeight: 0.8, catalystBlocksLong: false }], lastPrice: 20, bidPrice: 19.99, askPrice: 20.01, volumeToday: 1e5, openToday: 19.5, prevClose: 19, avgVolume20d: 1e6, avgDollarVolume20d: 2e7 }],
});

/** A scan's own reading that counts how often it was asked. */
function reader(answer: ScanInputs): (() => Promise<ScanInputs>) & { calls: number } {
  const read = Object.assign(async () => (read.calls++, answer), { calls: 0 });
  return read;
}

describe('scan inputs shared across trials', () => {
  it('reads_an_instant_once_for_every_trial_of_the_same_window_start_and_again_for_another_start_market_or_instant', async () => {
    const shared = sharedScanInputs();
    const first = reader(inputsAt(100));
    expect(await shared.forWindow('2026-11-16')(100, 'stocks', first)).toEqual(inputsAt(100));
    const again = reader(inputsAt(100, 'OTHER'));
    expect(await shared.forWindow('2026-11-16')(100, 'stocks', again)).toEqual(inputsAt(100));
    expect(again.calls).toBe(0);
    const other = reader(inputsAt(100, 'LATER'));
    expect(await shared.forWindow('2026-11-17')(100, 'stocks', other)).toEqual(inputsAt(100, 'LATER'));
    await shared.forWindow('2026-11-16')(100, 'crypto', other);
    await shared.forWindow('2026-11-16')(160, 'stocks', other);
    expect(other.calls).toBe(3);
    expect(shared.size()).toBe(4);
  });

  it('hands_out_frozen_inputs_so_no_trial_can_change_another_trials_scan', async () => {
    const shared = sharedScanInputs().forWindow('2026-11-16');
    const answer = await shared(100, 'stocks', reader(inputsAt(100)));
    expect(() => ((answer.inputs[0] as { lastPrice: number }).lastPrice = 1)).toThrow(TypeError);
    expect(() => (answer.inputs[0]!.news as unknown[]).push({})).toThrow(TypeError);
  });

  it('drops_the_oldest_instants_beyond_its_capacity', async () => {
    const shared = sharedScanInputs(2);
    for (const at of [100, 160, 220]) await shared.forWindow('2026-11-16')(at, 'stocks', reader(inputsAt(at)));
    expect(shared.size()).toBe(2);
    const first = reader(inputsAt(100));
    await shared.forWindow('2026-11-16')(100, 'stocks', first);
    expect(first.calls).toBe(1);
  });
});
