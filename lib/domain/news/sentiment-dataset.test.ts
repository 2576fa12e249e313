import { describe, expect, it } from 'vitest';
import { parseCsv, parseSentimentCsv } from './sentiment-dataset.ts';

describe('sentiment data set parsing', () => {
  it('reads_quoted_fields_with_commas_quotes_and_newlines', () => {
    expect(parseCsv('a,b\n"x, ""y""\nz",2\r\nplain,0\n')).toEqual([
      ['a', 'b'],
      ['x, "y"\nz', '2'],
      ['plain', '0'],
    ]);
  });

  it('maps_the_data_set_codes_to_labels', () => {
    const rows = parseSentimentCsv('text,label\nStocks sink,0\nStocks soar,1\n"Fed meets, again",2\n');
    expect(rows).toEqual([
      { text: 'Stocks sink', label: 'negative' },
      { text: 'Stocks soar', label: 'positive' },
      { text: 'Fed meets, again', label: 'neutral' },
    ]);
  });

  it('rejects_an_unknown_label_or_a_missing_header', () => {
    expect(() => parseSentimentCsv('text,label\nStocks sink,7\n')).toThrow(/record 1/);
    expect(() => parseSentimentCsv('headline,score\nx,1\n')).toThrow(/header/);
  });
});
