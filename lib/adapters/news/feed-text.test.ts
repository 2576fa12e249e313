import { describe, expect, it } from 'vitest';
import { decodeEntities, parseZonedDate, plainText, uniqueSymbols } from './feed-text.ts';

describe('feed text', () => {
  it('reads_iso_and_rfc_822_times_only_with_a_zone', () => {
    expect(parseZonedDate('2026-11-20T16:30:41-05:00')).toBe(Date.UTC(2026, 10, 20, 21, 30, 41));
    expect(parseZonedDate('2026-11-20T21:30:41.250Z')).toBe(Date.UTC(2026, 10, 20, 21, 30, 41, 250));
    expect(parseZonedDate('Fri, 20 Nov 2026 13:55:00 GMT')).toBe(Date.UTC(2026, 10, 20, 13, 55));
    expect(parseZonedDate('Fri, 20 Nov 2026 08:30:00 -0500')).toBe(Date.UTC(2026, 10, 20, 13, 30));
    expect(parseZonedDate('Thu, 19 Nov 2026 21:00:00 EST')).toBe(Date.UTC(2026, 10, 20, 2, 0));
    for (const zoneless of ['2026-11-20T16:30:41', '2026-11-20', 'Fri, 20 Nov 2026 13:55:00', 'yesterday', '']) {
      expect(parseZonedDate(zoneless)).toBeNull();
    }
  });

  it('turns_feed_html_into_one_line_of_text', () => {
    expect(plainText('<p>Revenue <b>rose</b>&nbsp;5%</p>\n<br/>Shares &amp; units &#8212; &#x2014; &copy;')).toBe('Revenue rose 5% Shares & units — — &copy;');
    expect(decodeEntities('&lt;b&gt;')).toBe('<b>');
    expect(uniqueSymbols([' aapl', 'AAPL', 'goog', ''])).toEqual(['AAPL', 'GOOG']);
  });
});
