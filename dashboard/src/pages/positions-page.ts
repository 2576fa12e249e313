import type { PageFactory } from '../router.ts';
import type { Position } from '../api/types.ts';
import * as api from '../api/endpoints.ts';
import { runControl } from '../controls.ts';
import { h, fill, empty, badge } from '../ui/dom.ts';
import { table } from '../ui/table.ts';
import { price, signedUsd, pct, time, tone, num } from '../ui/format.ts';

function pnlPct(p: Position): number | null {
  const cost = p.avgEntryPrice * p.qty;
  return p.unrealizedPl === null || cost === 0 ? null : p.unrealizedPl / cost;
}

/** Open positions with their P&L, plan (stop, target, time exit), entry reason and a Close each. */
export const positionsPage: PageFactory = ({ root }) => {
  const body = h('div', { 'data-testid': 'positions' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(h('h1', null, 'Positions'), body);

  async function refresh(): Promise<void> {
    const { positions } = await api.positions();
    if (positions.length === 0) {
      fill(body, empty('No open position.'));
      return;
    }
    const total = positions.reduce((s, p) => s + (p.unrealizedPl ?? 0), 0);
    fill(
      body,
      h('p', null, `${positions.length} open, unrealized `, h('b', { class: tone(total) }, signedUsd(total))),
      table<Position>(
        [
          { label: 'Symbol', cell: (p) => h('span', null, h('a', { href: `#/chart/${encodeURIComponent(p.symbol)}` }, p.symbol), p.adopted ? badge('adopted', 'warn', 'Found at the broker, not placed by Catalyst') : null) },
          { label: 'Side', cell: (p) => badge(p.side, p.side === 'long' ? 'good' : 'bad') },
          { label: 'Qty', kind: 'num', cell: (p) => num(p.qty, 6) },
          { label: 'Entry', kind: 'num', cell: (p) => price(p.avgEntryPrice) },
          { label: 'Now', kind: 'num', cell: (p) => price(p.currentPrice) },
          { label: 'P&L', kind: 'num', cell: (p) => h('span', { class: tone(p.unrealizedPl) }, `${signedUsd(p.unrealizedPl)} (${pct(pnlPct(p), true)})`) },
          { label: 'Stop', kind: 'num', cell: (p) => price(p.plan?.stopPrice) },
          { label: 'Target', kind: 'num', cell: (p) => price(p.plan?.takeProfitPrice) },
          { label: 'Time exit', cell: (p) => (p.plan?.timeExitAt ? `${time(p.plan.timeExitAt)} ET` : '—') },
          { label: 'Opened', cell: (p) => `${time(p.openedAt)} ET` },
          { label: 'Why it entered', kind: 'wide', cell: (p) => h('span', { class: 'reason' }, p.entryReason ?? 'No entry intent (adopted)') },
          {
            label: 'Actions',
            cell: (p) =>
              h(
                'span',
                { class: 'row-actions' },
                p.tradeId ? h('a', { class: 'button ghost', href: `#/audit/${p.tradeId}` }, 'Audit') : null,
                h('button', { type: 'button', class: 'danger', 'data-close': p.symbol, onclick: async () => (await runControl('close', p.symbol)) && void refresh() }, 'Close'),
              ),
          },
        ],
        positions,
      ),
    );
  }
  return { intervalMs: 5000, refresh };
};
