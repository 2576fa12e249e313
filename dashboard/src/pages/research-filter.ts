// The Research list's filter: kind, the studied window, the date saved. It lives in the URL (#/research?kind=…&from=…)
// so a filtered view can be shared; the values go to reporting/research-runs as they are, which checks them.
import type { RunKind } from '../api/research-types.ts';
import { h } from '../ui/dom.ts';
import { KIND_LABEL } from './research-format.ts';

export interface RunFilter {
  kind?: string;
  from?: string;
  to?: string;
  savedFrom?: string;
  savedTo?: string;
}
const KEYS = ['kind', 'from', 'to', 'savedFrom', 'savedTo'] as const;
const KINDS: RunKind[] = ['backtest', 'event-study', 'walk-forward'];

/** The filter named in the page's query (empty values dropped). */
export function filterFromQuery(q: URLSearchParams): RunFilter {
  const f: RunFilter = {};
  for (const k of KEYS) if (q.get(k)) f[k] = q.get(k)!;
  return f;
}

/** The list's address for a filter (and a page of it). */
export function filterHref(f: RunFilter, beforeId?: number): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (f[k]) q.set(k, f[k]);
  if (beforeId) q.set('beforeId', String(beforeId));
  return `#/research${q.size ? `?${q}` : ''}`;
}

/** What the filter selects, in words (null when it selects everything). */
export function describeFilter(f: RunFilter): string | null {
  const parts: string[] = [];
  if (f.kind) parts.push(KIND_LABEL[f.kind as RunKind] ?? f.kind);
  if (f.from || f.to) parts.push(`studying a window that overlaps ${f.from ?? 'the start'} → ${f.to ?? 'the end'}`);
  if (f.savedFrom || f.savedTo) parts.push(`saved ${f.savedFrom ? `from ${f.savedFrom} ` : ''}${f.savedTo ? `to ${f.savedTo} ` : ''}(New York dates)`);
  return parts.length ? parts.join(', ') : null;
}

/** Kind chips (the dates kept) and the date form; submitting moves to the filtered list's address. */
export function filterControls(f: RunFilter): HTMLElement {
  const chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Kind' }, [undefined, ...KINDS].map((k) => h('a', { class: 'button chip', href: filterHref({ ...f, kind: k }), 'aria-pressed': String(k === f.kind || (!k && !f.kind)) }, k ? KIND_LABEL[k] : 'All')));
  const date = (name: keyof RunFilter, label: string, title: string) => h('label', { title }, label, h('input', { type: 'date', name, value: f[name] ?? '', 'data-testid': `filter-${name}` }));
  const form = h(
    'form',
    { class: 'filters', 'data-testid': 'research-filters' },
    date('from', 'Studied from', 'Runs whose window (first to last session or news date) overlaps these dates'),
    date('to', 'Studied to', 'Runs whose window (first to last session or news date) overlaps these dates'),
    date('savedFrom', 'Saved from (ET)', 'The New York date the run was saved'),
    date('savedTo', 'Saved to (ET)', 'The New York date the run was saved'),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'),
    h('a', { class: 'button ghost', href: filterHref(f.kind ? { kind: f.kind } : {}) }, 'Clear dates'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next: RunFilter = { ...(f.kind ? { kind: f.kind } : {}) };
    for (const k of ['from', 'to', 'savedFrom', 'savedTo'] as const) {
      const v = data.get(k);
      if (typeof v === 'string' && v) next[k] = v;
    }
    location.hash = filterHref(next);
  });
  return h('div', null, chips, form);
}
