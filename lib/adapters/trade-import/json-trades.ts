import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';
import { alpacaFill } from './csv-fills.ts';
import { contentId, FieldError, number, symbol, zonedTime } from './trade-fields.ts';
import type { ImportItem } from './trade-import-types.ts';

/** JSON files are read whole: larger ones must be converted to CSV, which is streamed. */
export const JSON_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The state file (`"format": "catalyst-trades/v1"`): what another system knew when it stopped.
 *
 * ```json
 * { "format": "catalyst-trades/v1",
 *   "open_positions": [{ "symbol": "AAPL", "side": "long", "qty": 10, "avg_entry_price": 187.5 }],
 *   "closed_trades": [{ "symbol": "MSFT", "side": "long", "qty": 5, "entry_at": "2024-03-01T14:35:00Z",
 *                       "entry_price": 410.1, "exit_at": "2024-03-01T15:10:00-05:00", "exit_price": 412.4,
 *                       "fees_usd": 0.02, "exit_reason": "take_profit" }] }
 * ```
 * Times carry their zone; prices in USD; quantities in shares (coins for pairs).
 */
export const STATE_FORMAT = 'catalyst-trades/v1';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Which JSON format a payload is, or null. */
export function jsonFormatOf(payload: unknown): 'alpaca-activities-json' | 'state-json' | null {
  if (isObj(payload) && payload.format === STATE_FORMAT) return 'state-json';
  if (Array.isArray(payload) && payload.every((a) => isObj(a) && typeof a.activity_type === 'string')) return 'alpaca-activities-json';
  return null;
}

/** Reads a JSON trades file: Alpaca activities (FILL items; oldest first after sorting) or a state file. */
export async function jsonTrades(file: string, label: string, known: ReadonlySet<string> | null): Promise<ImportItem[]> {
  const size = (await stat(file)).size;
  if (size > JSON_MAX_BYTES) throw new AppError('DATA_INVALID', `${label}: JSON files are read whole and this one is ${Math.round(size / 1e6)} MB (at most ${JSON_MAX_BYTES / 1024 / 1024} MB): export it as CSV, which is streamed`);
  let payload: unknown;
  try {
    payload = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('DATA_INVALID', `${label}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const format = jsonFormatOf(payload);
  if (format === 'alpaca-activities-json') return activities(payload as Json[], known);
  if (format === 'state-json') return stateFile(payload as Json, known);
  throw new AppError('DATA_INVALID', `${label}: JSON is neither a list of Alpaca account activities nor a state file with "format": "${STATE_FORMAT}"`);
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function guard(line: number, build: () => ImportItem): ImportItem {
  try {
    return build();
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return { kind: 'rejected', rejection: { line, reason: e.message } };
  }
}

function activities(items: Json[], known: ReadonlySet<string> | null): ImportItem[] {
  // The API lists newest first; the import needs time order. Item numbers stay those of the file.
  const fills = items
    .map((a, i) => ({ a, line: i + 1 }))
    .filter(({ a }) => text(a.activity_type).toUpperCase() === 'FILL')
    .map(({ a, line }) => guard(line, () => ({ kind: 'fill', fill: alpacaFill(line, (k) => text(a[k]), known) })));
  return fills.sort((x, y) => (x.kind === 'fill' ? x.fill.at : 0) - (y.kind === 'fill' ? y.fill.at : 0));
}

function posSide(field: string, v: unknown): 'long' | 'short' {
  if (v === 'long' || v === 'short') return v;
  throw new FieldError(`${field}: must be long or short`);
}

function stateFile(state: Json, known: ReadonlySet<string> | null): ImportItem[] {
  const out: ImportItem[] = [];
  const open = state.open_positions ?? [];
  const closed = state.closed_trades ?? [];
  if (!Array.isArray(open) || !Array.isArray(closed)) throw new AppError('DATA_INVALID', 'open_positions and closed_trades must be lists');
  open.forEach((p, i) =>
    out.push(
      guard(i + 1, () => {
        if (!isObj(p)) throw new FieldError(`open_positions[${i}]: expected an object`);
        return { kind: 'position', position: { line: i + 1, symbol: symbol(`open_positions[${i}].symbol`, text(p.symbol), known), side: posSide(`open_positions[${i}].side`, p.side), qty: number(`open_positions[${i}].qty`, text(p.qty), 'positive'), avgEntryPrice: number(`open_positions[${i}].avg_entry_price`, text(p.avg_entry_price), 'positive') } };
      }),
    ),
  );
  closed.forEach((t, i) =>
    out.push(
      guard(i + 1, () => {
        const f = (name: string) => `closed_trades[${i}].${name}`;
        if (!isObj(t)) throw new FieldError(`closed_trades[${i}]: expected an object`);
        const trade = {
          line: i + 1,
          key: '',
          symbol: symbol(f('symbol'), text(t.symbol), known),
          side: posSide(f('side'), t.side),
          qty: number(f('qty'), text(t.qty), 'positive'),
          entryAt: zonedTime(f('entry_at'), text(t.entry_at)),
          entryPrice: number(f('entry_price'), text(t.entry_price), 'positive'),
          exitAt: zonedTime(f('exit_at'), text(t.exit_at)),
          exitPrice: number(f('exit_price'), text(t.exit_price), 'positive'),
          feesUsd: t.fees_usd === undefined ? 0 : number(f('fees_usd'), text(t.fees_usd), 'nonNegative'),
          exitReason: typeof t.exit_reason === 'string' ? t.exit_reason : null,
        };
        if (trade.exitAt < trade.entryAt) throw new FieldError(`${f('exit_at')}: before entry_at`);
        trade.key = contentId('state', [trade.symbol, trade.side, trade.qty, trade.entryAt, trade.entryPrice, trade.exitAt, trade.exitPrice]);
        return { kind: 'trade', trade };
      }),
    ),
  );
  return out;
}
