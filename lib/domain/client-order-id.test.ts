import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLIENT_ORDER_ID_MAX_LENGTH, clientOrderId, isOwnClientOrderId, timeBucketStart, type ClientOrderIdParts, type OrderPurpose } from './client-order-id.ts';

const PURPOSES: OrderPurpose[] = ['entry', 'stop_loss', 'take_profit', 'exit', 'replace_stop', 'replace_take_profit'];
const bucket = Date.parse('2026-11-23T15:30:00Z');
const base: ClientOrderIdParts = { strategy: 'momo', symbol: 'AAPL', sourceId: 'bz41522', bucketStart: bucket, purpose: 'entry' };

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 90 }));
const parts: fc.Arbitrary<ClientOrderIdParts> = fc.record(
  {
    strategy: text,
    symbol: fc.oneof(fc.constantFrom('AAPL', 'BTC/USD', 'BRK.B', 'btc/usd', 'BTC_2FUSD'), text),
    sourceId: text,
    bucketStart: fc.oneof(fc.integer({ min: 0, max: 253_402_300_799_999 }), fc.integer({ min: 0, max: 4_000_000 }).map((m) => m * 60_000)),
    purpose: fc.constantFrom(...PURPOSES),
    sequence: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
  },
  { requiredKeys: ['strategy', 'symbol', 'sourceId', 'bucketStart', 'purpose'] },
);

function sameParts(a: ClientOrderIdParts, b: ClientOrderIdParts): boolean {
  return a.strategy === b.strategy && a.symbol === b.symbol && a.sourceId === b.sourceId && a.bucketStart === b.bucketStart && a.purpose === b.purpose && a.sequence === b.sequence;
}

describe('clientOrderId', () => {
  it('reads_as_strategy_symbol_bucket_source_and_purpose', () => {
    expect(clientOrderId(base)).toBe('c1-momo-AAPL-20261123T153000-bz41522-en');
    expect(clientOrderId({ ...base, symbol: 'BTC/USD', purpose: 'replace_stop', sequence: 2 })).toBe('c1-momo-BTC_2FUSD-20261123T153000-bz41522-rs2');
  });

  it('tells_apart_symbols_that_naive_sanitising_would_merge', () => {
    const ids = ['BTC/USD', 'BTC.USD', 'BTC_USD', 'BTC-USD', 'BTCUSD'].map((symbol) => clientOrderId({ ...base, symbol }));
    expect(new Set(ids).size).toBe(5);
  });

  it('shortens_long_inputs_with_a_hash_within_128_characters', () => {
    const long = { ...base, sourceId: 'x'.repeat(300) };
    const other = { ...long, sourceId: `${'x'.repeat(299)}y` };
    const id = clientOrderId(long);
    expect(id.length).toBeLessThanOrEqual(CLIENT_ORDER_ID_MAX_LENGTH);
    expect(id).toMatch(/^c1-momo-AAPL-20261123T153000-x{20}-en-h[0-9a-f]{16}$/);
    expect(clientOrderId(other)).not.toBe(id);
  });

  it('aligns_time_buckets_to_the_epoch', () => {
    expect(timeBucketStart(bucket + 299_999, 300_000)).toBe(bucket);
    expect(timeBucketStart(bucket + 300_000, 300_000)).toBe(bucket + 300_000);
    expect(() => timeBucketStart(bucket, 0)).toThrow(RangeError);
  });

  it('recognises_its_own_ids_and_not_broker_uuids', () => {
    expect(isOwnClientOrderId(clientOrderId(base))).toBe(true);
    expect(isOwnClientOrderId(clientOrderId({ ...base, sourceId: 'z'.repeat(200) }))).toBe(true);
    expect(isOwnClientOrderId('5f9a1f5e-8c55-4d8b-9f6f-0c3d0a4e7c11')).toBe(false);
  });

  it('is_deterministic_safe_and_at_most_128_characters', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const id = clientOrderId(p);
        expect(clientOrderId({ ...p })).toBe(id);
        expect(id.length).toBeLessThanOrEqual(CLIENT_ORDER_ID_MAX_LENGTH);
        expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(isOwnClientOrderId(id)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('gives_different_ids_to_different_inputs', () => {
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        fc.pre(!sameParts(a, b));
        expect(clientOrderId(a)).not.toBe(clientOrderId(b));
      }),
      { numRuns: 1_000 },
    );
  });

  it('gives_different_ids_when_one_part_changes', () => {
    const change = fc.oneof(
      text.map((strategy) => ({ strategy })),
      text.map((symbol) => ({ symbol })),
      text.map((sourceId) => ({ sourceId })),
      fc.integer({ min: 0, max: 253_402_300_799_999 }).map((bucketStart) => ({ bucketStart })),
      fc.constantFrom(...PURPOSES).map((purpose) => ({ purpose })),
      fc.integer({ min: 0, max: 50 }).map((sequence) => ({ sequence })),
    );
    fc.assert(
      fc.property(parts, change, (p, delta) => {
        const q = { ...p, ...delta };
        fc.pre(!sameParts(p, q));
        expect(clientOrderId(q)).not.toBe(clientOrderId(p));
      }),
      { numRuns: 1_000 },
    );
  });
});
