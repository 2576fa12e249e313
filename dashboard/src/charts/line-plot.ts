// A small SVG line plot for values over categories (an event study's horizons, a setting's values), where a
// time axis does not fit. Every label reaches the page as text.

export interface PlotSeries {
  name: string;
  /** One value per category; null leaves a gap. */
  values: (number | null)[];
}

const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#4c9aff', '#f0b429', '#c678dd', '#56b6c2', '#26a269', '#e5534b', '#d19a66', '#98c379', '#e06c75', '#61afef'];

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Lines over `categories`, a zero line, y ticks formatted by `format`, a legend below. */
export function linePlot(categories: string[], series: PlotSeries[], format: (y: number) => string, options: { testId?: string; height?: number } = {}): HTMLElement {
  const width = 640;
  const height = options.height ?? 260;
  const pad = { left: 64, right: 16, top: 12, bottom: 28 };
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  const x = (i: number) => pad.left + (categories.length > 1 ? (i / (categories.length - 1)) * (width - pad.left - pad.right) : (width - pad.left - pad.right) / 2);
  const y = (v: number) => pad.top + (1 - (v - lo) / span) * (height - pad.top - pad.bottom);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', class: 'line-plot' });
  for (let k = 0; k <= 4; k++) {
    const v = lo + (span * k) / 4;
    svg.append(el('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), stroke: '#1f2a36' }), el('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', fill: '#8b949e', 'font-size': 11 }, format(v)));
  }
  svg.append(el('line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), stroke: '#8b949e', 'stroke-dasharray': '4 3' }));
  categories.forEach((c, i) => svg.append(el('text', { x: x(i), y: height - 8, 'text-anchor': 'middle', fill: '#8b949e', 'font-size': 11 }, c)));
  series.forEach((s, n) => {
    const color = PALETTE[n % PALETTE.length]!;
    const path = s.values.map((v, i) => (v === null || !Number.isFinite(v) ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`));
    const segments: string[][] = [[]];
    for (const p of path) (p === null ? segments.push([]) : segments.at(-1)!.push(p));
    for (const seg of segments.filter((g) => g.length > 0)) svg.append(el('polyline', { points: seg.join(' '), fill: 'none', stroke: color, 'stroke-width': 2, 'data-series': s.name }));
    s.values.forEach((v, i) => v !== null && Number.isFinite(v) && svg.append(el('circle', { cx: x(i), cy: y(v), r: 3, fill: color }, undefined)));
  });
  const legend = document.createElement('ul');
  legend.className = 'legend';
  series.forEach((s, n) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = PALETTE[n % PALETTE.length]!;
    li.append(swatch, document.createTextNode(s.name));
    legend.append(li);
  });
  const figure = document.createElement('figure');
  figure.className = 'plot';
  if (options.testId) figure.dataset.testid = options.testId;
  figure.append(svg, legend);
  return figure;
}
