import { describe, expect, it } from 'vitest';
import { parseCron } from './cron.ts';

const at = (iso: string) => Date.parse(iso);

describe('parseCron', () => {
  it('fires_every_minute_for_stars', () => {
    expect(parseCron('* * * * *').next(at('2026-11-23T14:30:15Z'))).toBe(at('2026-11-23T14:31:00Z'));
  });

  it('handles_steps_ranges_and_lists_in_utc', () => {
    const c = parseCron('*/15 13-20 * * 1-5');
    expect(c.next(at('2026-11-23T12:59:00Z'))).toBe(at('2026-11-23T13:00:00Z'));
    expect(c.next(at('2026-11-23T13:00:00Z'))).toBe(at('2026-11-23T13:15:00Z'));
    // Friday 20:45 -> Monday 13:00
    expect(c.next(at('2026-11-27T20:45:00Z'))).toBe(at('2026-11-30T13:00:00Z'));
    expect(parseCron('0 0 1,15 * *').next(at('2026-11-02T00:00:00Z'))).toBe(at('2026-11-15T00:00:00Z'));
  });

  it('rejects_what_the_platform_rejects', () => {
    expect(() => parseCron('* * * *')).toThrow(/5 fields/);
    expect(() => parseCron('*/0 * * * *')).toThrow(/minute/);
    expect(() => parseCron('61 * * * *')).toThrow(/outside 0-59/);
    expect(() => parseCron('@hourly')).toThrow(/5 fields/);
  });
});
