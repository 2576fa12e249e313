import type { PageFactory } from '../router.ts';
import type { Trade } from '../api/types.ts';
import * as api from '../api/endpoints.ts';
import { h, fill, empty, badge } from '../ui/dom.ts';
import { table } from '../ui/table.ts';
import { price, signedUsd, r, dateTime, tone, words, num } from '../ui/format.ts';
import { toast } from '../ui/banner.ts';
import { allTrades, tradesCsv } from './trades-csv.ts';

/** Every exit reason the system records (lib/domain/round-trips.ts). */
const EXIT_REASONS = ['take_profit', 'stop_loss', 'trailing_stop', 'time_exit', 'flatten_before_close', 'reversal_signal', 'operator_close', 'operator_flatten', 'dead_man_switch', 'risk_reduce', 'external', 'unknown'];
const PAGE_SIZE = 25;

function select(name: string, options: [string, string][], current: string): HTMLSelectElement {
  return h('select', { name, id: `f-${name}` }, options.map(([v, label]) => h('option', { value: v, selected: v === current }, label)));
}

/** Round trips with filters (symbol, status, exit reason) and keyset pages; each row opens its decision audit. */
export const tradesPage: PageFactory = ({ root, query }) => {
  const symbol = (query.get('symbol') ?? '').toUpperCase();
  const status = (['open', 'closed'].includes(query.get('status') ?? '') ? query.get('status') : 'all') as 'open' | 'closed' | 'all';
  const exitReason = EXIT_REASONS.includes(query.get('exitReason') ?? '') ? query.get('exitReason')! : '';
  const beforeId = Number(query.get('beforeId')) || undefined;
  const limit = Math.min(100, Math.max(1, Number(query.get('limit')) || PAGE_SIZE));

  const symbolInput = h('input', { name: 'symbol', id: 'f-symbol', value: symbol, placeholder: 'any', autocapitalize: 'characters', pattern: '[A-Za-z0-9./-]{1,15}', maxlength: 15 });
  const form = h(
    'form',
    { class: 'filters', 'data-testid': 'trade-filters' },
    h('label', null, 'Symbol', symbolInput),
    h('label', null, 'Status', select('status', [['all', 'All'], ['open', 'Open'], ['closed', 'Closed']], status)),
    h('label', null, 'Exit reason', select('exitReason', [['', 'Any'], ...EXIT_REASONS.map((x): [string, string] => [x, words(x)])], exitReason)),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    new FormData(form).forEach((v, k) => {
      if (typeof v === 'string' && v && v !== 'all') q.set(k, k === 'symbol' ? v.toUpperCase() : v);
    });
    location.hash = `#/trades${q.size ? `?${q}` : ''}`;
  });
  const body = h('div', { 'data-testid': 'trades' }, h('p', { class: 'muted' }, 'Loading…'));
  const exportButton = h('button', { type: 'button', class: 'ghost', 'data-testid': 'export-csv' }, 'Export CSV');
  exportButton.addEventListener('click', () => {
    exportButton.disabled = true;
    const filters = { symbol: symbol || undefined, status, exitReason: exitReason || undefined, limit: 100 };
    void allTrades((before) => api.trades({ ...filters, beforeId: before }))
      .then((trades) => {
        const url = URL.createObjectURL(new Blob([tradesCsv(trades)], { type: 'text/csv' }));
        h('a', { href: url, download: 'catalyst-trades.csv' }).click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        toast(`Exported ${trades.length} trades`);
      })
      .catch((e: unknown) => toast(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'bad'))
      .finally(() => {
        exportButton.disabled = false;
      });
  });
  root.append(h('h1', null, 'Trades'), form, exportButton, body);

  const pageLink = (before: number | null) => {
    const q = new URLSearchParams(query);
    if (before === null) q.delete('beforeId');
    else q.set('beforeId', String(before));
    return `#/trades${q.size ? `?${q}` : ''}`;
  };

  async function refresh(): Promise<void> {
    const page = await api.trades({ symbol: symbol || undefined, status, exitReason: exitReason || undefined, beforeId, limit });
    fill(
      body,
      page.trades.length === 0
        ? empty(beforeId ? 'No older trade matches.' : 'No trade matches yet.')
        : table<Trade>(
            [
              { label: 'Trade', cell: (t) => (t.imported ? h('span', null, `#${t.id} ${t.symbol} `, badge('imported', 'info')) : `#${t.id} ${t.symbol}`) },
              { label: 'Side', cell: (t) => badge(t.side, t.side === 'long' ? 'good' : 'bad') },
              { label: 'Qty', kind: 'num', cell: (t) => num(t.qty, 6) },
              { label: 'Entry', cell: (t) => `${price(t.entryPrice)} · ${dateTime(t.entryAt)}` },
              { label: 'Exit', cell: (t) => (t.exitAt ? `${price(t.exitPrice)} · ${dateTime(t.exitAt)}` : badge('open', 'info')) },
              { label: 'P&L', kind: 'num', cell: (t) => h('span', { class: tone(t.pnlUsd) }, signedUsd(t.pnlUsd)) },
              { label: 'R', kind: 'num', cell: (t) => h('span', { class: tone(t.rMultiple) }, r(t.rMultiple)) },
              { label: 'Exit reason', cell: (t) => (t.exitReason ? words(t.exitReason) : '—') },
            ],
            page.trades,
            { href: (t) => `#/audit/${t.id}`, testId: 'trades-table' },
          ),
      h(
        'nav',
        { class: 'pager' },
        beforeId ? h('a', { class: 'button ghost', href: pageLink(null) }, '« Newest') : null,
        page.nextBeforeId !== null ? h('a', { class: 'button', href: pageLink(page.nextBeforeId), 'data-testid': 'older' }, 'Older »') : null,
      ),
    );
  }
  return { intervalMs: 10_000, refresh };
};
