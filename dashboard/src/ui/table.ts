import { h, type Child } from './dom.ts';

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  /** `num` right-aligns; `wide` lets a long text column wrap. */
  kind?: 'num' | 'wide';
}

/**
 * A table that turns into stacked cards on a narrow screen (CSS reads `data-label`), so a phone never
 * scrolls sideways. With `href`, the whole row is a link (a tap target, and keyboard reachable).
 */
export function table<T>(columns: Column<T>[], rows: T[], options: { href?: (row: T) => string; rowClass?: (row: T) => string; testId?: string } = {}): HTMLElement {
  const head = h('thead', null, h('tr', null, columns.map((c) => h('th', { class: c.kind }, c.label))));
  const body = h(
    'tbody',
    null,
    rows.map((row) => {
      const href = options.href?.(row);
      const tr = h(
        'tr',
        { class: [href ? 'link-row' : '', options.rowClass?.(row) ?? ''].join(' ').trim() || null },
        columns.map((c, i) => h('td', { class: c.kind, 'data-label': c.label }, i === 0 && href ? h('a', { href }, c.cell(row)) : c.cell(row))),
      );
      if (href) tr.addEventListener('click', (e) => {
        if ((e.target as HTMLElement).closest('a, button, input, label, details')) return;
        location.hash = href;
      });
      return tr;
    }),
  );
  return h('div', { class: 'table-scroll' }, h('table', { class: 'grid', 'data-testid': options.testId }, head, body));
}
