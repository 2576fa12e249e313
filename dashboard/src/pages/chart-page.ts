import type { PageFactory } from '../router.ts';
import * as api from '../api/endpoints.ts';
import { createPriceChart } from '../charts/price-chart.ts';
import { COLORS } from '../charts/chart-theme.ts';
import { h, fill, empty, section } from '../ui/dom.ts';
import { price, time, words } from '../ui/format.ts';
import { sentimentBadge, catalystBadge } from './audit-decision.ts';

/** Symbols worth charting: today's candidates, open positions and recent trades. */
async function symbolChoices(): Promise<string[]> {
  const [c, p, t] = await Promise.all([api.candidates(), api.positions(), api.trades({ limit: 50 })]);
  return [...new Set([...p.positions.map((x) => x.symbol), ...t.trades.map((x) => x.symbol), ...c.candidates.map((x) => x.symbol)])];
}

const legend = () =>
  h('p', { class: 'legend small' }, [['EMA10', COLORS.ema10], ['EMA20', COLORS.ema20], ['VWAP', COLORS.vwap]].map(([n, c]) => h('span', { style: `--swatch:${c}` }, n)), h('span', { style: `--swatch:${COLORS.news}` }, 'N = news'), '▲ entry ▼ exit');

/** Candlesticks with EMA10/EMA20/VWAP, entry and exit markers, and news markers (headline on hover or tap). */
export const chartPage: PageFactory = ({ root, params }) => {
  const symbol = (params[0] ?? '').toUpperCase();
  const picker = h('select', { id: 'chart-symbol', name: 'symbol', 'aria-label': 'Symbol' }, h('option', { value: '' }, 'Choose a symbol…'));
  const typed = h('input', { name: 'other', placeholder: 'or type one', maxlength: 15, autocapitalize: 'characters' });
  const go = (s: string) => s && (location.hash = `#/chart/${encodeURIComponent(s.trim().toUpperCase())}`);
  picker.addEventListener('change', () => go(picker.value));
  const form = h('form', { class: 'filters' }, h('label', null, 'Symbol', picker), h('label', null, 'Other', typed), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => (e.preventDefault(), go(typed.value || picker.value)));
  const chartEl = h('div', { class: 'chart price', 'data-testid': 'price-chart' });
  const tip = h('div', { class: 'chart-tip', hidden: true, role: 'status' });
  const wrap = h('div', { class: 'chart-wrap' }, chartEl, tip);
  const markersEl = h('div', { 'data-testid': 'chart-events' });
  root.append(h('h1', null, symbol ? `Chart: ${symbol}` : 'Chart'), form);
  if (symbol) root.append(section(`${symbol}, 1-minute bars (New York time)`, legend(), wrap), section('Trades and news on this chart', markersEl));
  else root.append(empty('Pick a symbol: the list holds today’s candidates, open positions and recent trades.'));
  const chart = symbol ? createPriceChart(chartEl, tip, window.innerWidth < 600 ? 300 : 420) : null;
  let choicesLoaded = false;

  async function refresh(): Promise<void> {
    if (!choicesLoaded) {
      const choices = await symbolChoices();
      if (symbol && !choices.includes(symbol)) choices.unshift(symbol);
      picker.append(...choices.map((s) => h('option', { value: s, selected: s === symbol }, s)));
      choicesLoaded = true;
    }
    if (!chart) return;
    const data = await api.chart(symbol);
    chart.set(data);
    const events = [
      ...data.trades.map((f) => ({ t: f.at, node: h('li', null, `${time(f.at)} ET `, h('b', null, `${f.kind === 'exit' || f.exitReason ? 'Exit' : f.kind === 'entry' ? 'Entry' : 'Fill'} ${f.side} ${f.qty} @ ${price(f.price)}`), f.exitReason ? ` (${words(f.exitReason)})` : '') })),
      ...data.news.map((n) => ({ t: n.t, node: h('li', { class: 'news' }, `${time(n.t)} ET `, sentimentBadge(n.sentiment), ' ', catalystBadge(n.catalyst), ' ', h('span', { class: 'headline' }, n.headline)) })),
    ].sort((a, b) => a.t - b.t);
    fill(markersEl, data.bars.length === 0 ? empty(`No bars for ${symbol} in the last day.`) : events.length ? h('ul', { class: 'events' }, events.map((e) => e.node)) : empty('No trade or news for this symbol in the window.'));
  }
  return { intervalMs: 15_000, refresh, dispose: () => chart?.dispose() };
};
