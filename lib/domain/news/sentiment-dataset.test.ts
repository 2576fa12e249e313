import { describe, expect, it } from 'vitest';
import { parseSentimentCsv } from './sentiment-dataset.ts';

describe('sentiment data set parsing', () => {
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
