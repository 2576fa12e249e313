import { AppError } from '../../shared/errors.ts';
import { contentId, FieldError, number, side, symbol, zonedTime } from './trade-fields.ts';
import { readLines, splitCsvLine } from './read-lines.ts';
import type { ImportedFill, ImportItem } from './trade-import-types.ts';

/** The generic CSV's columns, in this order (order_id optional). */
export const GENERIC_HEADER = ['time', 'symbol', 'side', 'qty', 'price', 'fee'] as const;
/** Alpaca account activities (FILL) exported as CSV: the API's field names, in any order. */
export const ALPACA_CSV_REQUIRED = ['id', 'transaction_time', 'symbol', 'side', 'qty', 'price', 'order_id'] as const;

const norm = (h: string) => h.trim().toLowerCase();

/** Which CSV format a header line is, or null. */
export function csvFormatOf(header: readonly string[]): 'generic-csv' | 'alpaca-activities-csv' | null {
  const h = header.map(norm);
  if (GENERIC_HEADER.every((c, i) => h[i] === c) && (h.length === 6 || (h.length === 7 && h[6] === 'order_id'))) return 'generic-csv';
  if (ALPACA_CSV_REQUIRED.every((c) => h.includes(c))) return 'alpaca-activities-csv';
  return null;
}

/** What a CSV header should be, for the error message of a file that has neither. */
export const CSV_HEADERS_EXPECTED = `expected the header "time,symbol,side,qty,price,fee[,order_id]" or Alpaca activities' "${ALPACA_CSV_REQUIRED.join(',')}" (any order, more columns allowed)`;

/**
 * Reads a trades CSV line by line (never whole): a header, then one fill per line. A bad line becomes a
 * rejection naming the line, the field and what was expected; a bad header fails the file.
 */
export async function* csvFills(file: string, label: string, known: ReadonlySet<string> | null): AsyncGenerator<ImportItem> {
  let columns: string[] | null = null;
  let format: 'generic-csv' | 'alpaca-activities-csv' | null = null;
  for await (const { line, text } of readLines(file)) {
    if (text.trim() === '') continue;
    const fields = splitCsvLine(text);
    if (columns === null) {
      if (!fields) throw new AppError('DATA_INVALID', `${label}:${line}: header has an unclosed quote`);
      format = csvFormatOf(fields);
      if (!format) throw new AppError('DATA_INVALID', `${label}:${line}: wrong header "${text.slice(0, 120)}": ${CSV_HEADERS_EXPECTED}`);
      columns = fields.map(norm);
      continue;
    }
    if (!fields) {
      yield { kind: 'rejected', rejection: { line, reason: 'unclosed quote' } };
      continue;
    }
    if (fields.length !== columns.length) {
      yield { kind: 'rejected', rejection: { line, reason: `${fields.length} fields, the header has ${columns.length}` } };
      continue;
    }
    const get = (name: string) => fields[columns!.indexOf(name)] ?? '';
    try {
      if (format === 'alpaca-activities-csv') {
        const type = columns.includes('activity_type') ? get('activity_type').trim().toUpperCase() : 'FILL';
        if (type !== 'FILL') continue;
        yield { kind: 'fill', fill: alpacaFill(line, get, known) };
      } else {
        yield { kind: 'fill', fill: genericFill(line, get, known) };
      }
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      yield { kind: 'rejected', rejection: { line, reason: e.message } };
    }
  }
  if (columns === null) throw new AppError('DATA_INVALID', `${label}: no header line`);
}

function genericFill(line: number, get: (name: string) => string, known: ReadonlySet<string> | null): ImportedFill {
  const at = zonedTime('time', get('time'));
  const sym = symbol('symbol', get('symbol'), known);
  const s = side('side', get('side'));
  const qty = number('qty', get('qty'), 'positive');
  const price = number('price', get('price'), 'positive');
  const feeUsd = number('fee', get('fee'), 'nonNegative');
  const orderId = get('order_id').trim();
  const id = contentId('csv', [at, sym, s, qty, price, orderId]);
  return { line, id, orderId: orderId || id, at, symbol: sym, side: s, qty, price, feeUsd };
}

/** One FILL of Alpaca's account activities (CSV columns or JSON fields named as the API names them). */
export function alpacaFill(line: number, get: (name: string) => string, known: ReadonlySet<string> | null): ImportedFill {
  const id = get('id').trim();
  if (id === '') throw new FieldError('id: required (the activity id)');
  const orderId = get('order_id').trim();
  if (orderId === '') throw new FieldError('order_id: required');
  return {
    line,
    id,
    orderId,
    at: zonedTime('transaction_time', get('transaction_time')),
    symbol: symbol('symbol', get('symbol'), known),
    side: side('side', get('side')),
    qty: number('qty', get('qty'), 'positive'),
    price: number('price', get('price'), 'positive'),
    feeUsd: 0,
  };
}
