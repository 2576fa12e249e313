import { describe, expect, it } from 'vitest';
import { isAppError } from './errors.ts';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads_quoted_commas_doubled_quotes_and_line_breaks_with_their_line_numbers', () => {
    const text = 'a,b\r\n1,"x, ""y"""\n\n2,"multi\nline"\n3,last';
    expect(parseCsv(text, 'f.csv')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x, "y"'] },
      { line: 4, fields: ['2', 'multi\nline'] },
      { line: 6, fields: ['3', 'last'] },
    ]);
  });

  it('names_the_file_and_line_of_an_unterminated_quote', () => {
    let error: unknown;
    try {
      parseCsv('a,b\n1,"open\n2,3', 'bad.csv');
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('DATA_INVALID');
    expect((error as Error).message).toBe('bad.csv:2: unterminated quoted field');
  });
});
