import path from 'node:path';
import type pg from 'pg';
import type { Fill } from '../../domain/orders.ts';
import type { RoundTrip } from '../../domain/round-trips.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import { applyInFileOrder } from './apply-in-file-order.ts';
import { csvFills } from './csv-fills.ts';
import { jsonTrades } from './json-trades.ts';
import { textProblem } from './read-lines.ts';
import { contentId } from './trade-fields.ts';
import { tripOfTrade, writeFills, writeTrips, type TripRow } from './imported-trades.repo.ts';
import type { ImportedFill, ImportedPosition, ImportItem, Rejection } from './trade-import-types.ts';

/** What importing (or, in a dry run, reading) one file did. */
export interface TradeFileReport {
  file: string;
  /** Null: not a trades file (left alone), with `ignored` saying why. */
  format: string | null;
  ignored?: string;
  fills: number;
  trips: number;
  /** Positions open at the end of the file (its fills' remainder, or the state file's open positions). */
  open: ImportedPosition[];
  rejected: Rejection[];
  /** Rows new in the database (0 on a second import); null when nothing was written. */
  written: { fills: number; trips: number } | null;
  /** A few of the rows that would be written (dry run). */
  preview: string[];
}

const BATCH = 2_000;
const PREVIEW = 5;

/**
 * Imports one trades file in one transaction: rows are streamed, checked (time order, duplicates, fields),
 * fills are paired into round trips with the same code as reconcile, and everything is written in batches.
 * Any rejected row rolls the whole file back (a file half-imported would give wrong round trips), and the
 * report lists every rejection with its line. `client` null is a dry run: nothing is written.
 */
export async function importTradeFile(client: pg.ClientBase | null, file: string, label: string, known: ReadonlySet<string> | null): Promise<TradeFileReport> {
  const report: TradeFileReport = { file: label, format: null, fills: 0, trips: 0, open: [], rejected: [], written: null, preview: [] };
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') return { ...report, ignored: 'not a .csv or .json file' };
  const problem = await textProblem(file);
  if (problem) throw new AppError('DATA_INVALID', `${label}: ${problem}`);
  const items: AsyncIterable<ImportItem> | Iterable<ImportItem> = ext === '.csv' ? csvFills(file, label, known) : await jsonTrades(file, label, known);
  report.format = ext === '.csv' ? 'csv' : 'json';

  const written = { fills: 0, trips: 0 };
  let open: RoundTrip[] = [];
  const openFills = new Map<string, ImportedFill[]>();
  let pendingFills: ImportedFill[] = [];
  let tripsOut: TripRow[] = [];
  let fillsOut: { fill: ImportedFill; tripKey: string | null }[] = [];
  let last: ImportedFill | null = null;
  let sameTime = new Set<string>();

  const flush = async (force: boolean) => {
    if (pendingFills.length) {
      for (const f of pendingFills) {
        const list = openFills.get(f.symbol);
        if (list) list.push(f);
        else openFills.set(f.symbol, [f]);
      }
      const touched = applyInFileOrder(open, pendingFills.map(asFill), () => ({ intentId: null, exitReason: null, riskPerUnitUsd: null }));
      const stillOpen = new Map(open.map((t) => [t.symbol, t]));
      for (const t of touched) {
        if (t.exitAt === null) {
          stillOpen.set(t.symbol, t);
          continue;
        }
        stillOpen.delete(t.symbol);
        const ids = new Set(t.fillIds);
        const key = contentId('trip', t.fillIds);
        const fills = (openFills.get(t.symbol) ?? []).filter((f) => ids.has(f.id));
        openFills.set(t.symbol, (openFills.get(t.symbol) ?? []).filter((f) => !ids.has(f.id)));
        const fees = fills.reduce((n, f) => n + f.feeUsd, 0);
        tripsOut.push({ key, symbol: t.symbol, side: t.side, qty: t.maxQty, entryAt: t.entryAt, entryPrice: t.entryPrice, entryQty: t.entryQty, exitAt: t.exitAt, exitPrice: t.exitPrice!, exitQty: t.exitQty, pnlUsd: t.realizedPnlUsd - fees, feesUsd: fees, exitReason: 'unknown', fillIds: t.fillIds });
        for (const f of fills) fillsOut.push({ fill: f, tripKey: key });
      }
      open = [...stillOpen.values()];
      pendingFills = [];
    }
    if (force) for (const fills of openFills.values()) for (const f of fills) fillsOut.push({ fill: f, tripKey: null });
    if (force) openFills.clear();
    report.trips += tripsOut.length;
    if (client && report.rejected.length === 0) {
      written.trips += await writeTrips(client, tripsOut, label);
      written.fills += await writeFills(client, fillsOut, label);
    } else if (report.preview.length < PREVIEW) {
      for (const t of tripsOut.slice(0, PREVIEW - report.preview.length)) report.preview.push(`trade ${t.symbol} ${t.side} ${t.qty} ${new Date(t.entryAt).toISOString()} @ ${t.entryPrice} -> ${new Date(t.exitAt).toISOString()} @ ${t.exitPrice}, P&L ${t.pnlUsd.toFixed(2)} USD`);
    }
    tripsOut = [];
    fillsOut = [];
  };

  if (client) await client.query('BEGIN');
  try {
    for await (const item of items) {
      if (item.kind === 'rejected') report.rejected.push(item.rejection);
      else if (item.kind === 'position') report.open.push(item.position);
      else if (item.kind === 'trade') {
        tripsOut.push(tripOfTrade(item.trade));
        if (tripsOut.length >= BATCH) await flush(false);
      } else {
        const f = item.fill;
        if (last && f.at < last.at) {
          report.rejected.push({ line: f.line, reason: `time ${new Date(f.at).toISOString()} is earlier than line ${last.line}'s: rows must be in time order, oldest first` });
          continue;
        }
        if (!last || f.at !== last.at) sameTime = new Set();
        const dupKey = `${f.id}`;
        if (sameTime.has(dupKey)) {
          report.rejected.push({ line: f.line, reason: `duplicate of an earlier row (same ${f.id.startsWith('csv:') ? 'time, symbol, side, qty, price and order id' : 'activity id'})` });
          continue;
        }
        sameTime.add(dupKey);
        last = f;
        report.fills++;
        pendingFills.push(f);
        if (pendingFills.length >= BATCH) await flush(false);
      }
    }
    await flush(true);
    for (const t of open) report.open.push({ line: 0, symbol: t.symbol, side: t.side, qty: t.openQty, avgEntryPrice: t.entryPrice });
    if (client) {
      if (report.rejected.length) {
        await client.query('ROLLBACK');
      } else {
        await client.query('COMMIT');
        report.written = written;
      }
    }
    return report;
  } catch (e) {
    if (client) await client.query('ROLLBACK').catch(() => undefined);
    throw isAppError(e) ? e : e;
  }
}

function asFill(f: ImportedFill): Fill {
  return { id: f.id, orderId: f.orderId, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, at: f.at, cumQty: f.qty, leavesQty: 0, kind: 'fill' };
}
